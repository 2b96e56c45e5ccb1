/*
 * RecipientRow (MS-OXCDATA 2.8.3): RecipientFlags (2.8.3.1), then the standard fields those
 * flags call for, then RecipientColumnCount and a PropertyRow over that many of the ROP's
 * recipient columns (RecipientColumns of RopModifyRecipients, RopOpenMessage...).
 *
 * Which fields are present (2.8.3.2):
 *   Type (flags & 0x0007) X500DN (1): AddressPrefixUsed, DisplayType, X500DN (8-bit string);
 *   Type PersonalDistributionList1/2 (6, 7): EntryIdSize + EntryID, SearchKeySize + SearchKey;
 *   Type NoType (0) and O (0x8000): AddressType;
 *   E (0x0008): EmailAddress; D (0x0010): DisplayName; I (0x0400): SimpleDisplayName;
 *   T (0x0020): TransmittableDisplayName. Strings are UTF-16 with U (0x0200), 8-bit otherwise
 *   (except X500DN, always 8-bit).
 * The Reserved bits (0x7800) MUST be zero (2.8.3.1): a pull refuses them, a push too.
 */
#ifndef SAMBEX_MAPI_RECIPIENTROW_H
#define SAMBEX_MAPI_RECIPIENTROW_H

#include <stdint.h>
#include <talloc.h>

#include "mapi_proprow.h"
#include "mapi_propval.h"

/* RecipientFlags (MS-OXCDATA 2.8.3.1) */
#define MAPI_RECIPIENT_TYPE_MASK 0x0007
#define MAPI_RECIPIENT_TYPE_NONE 0x0
#define MAPI_RECIPIENT_TYPE_X500DN 0x1
#define MAPI_RECIPIENT_TYPE_MSMAIL 0x2
#define MAPI_RECIPIENT_TYPE_SMTP 0x3
#define MAPI_RECIPIENT_TYPE_FAX 0x4
#define MAPI_RECIPIENT_TYPE_PROFESSIONAL_OFFICE 0x5
#define MAPI_RECIPIENT_TYPE_PDL1 0x6
#define MAPI_RECIPIENT_TYPE_PDL2 0x7
#define MAPI_RECIPIENT_E 0x0008		/* EmailAddress */
#define MAPI_RECIPIENT_D 0x0010		/* DisplayName */
#define MAPI_RECIPIENT_T 0x0020		/* TransmittableDisplayName */
#define MAPI_RECIPIENT_S 0x0040		/* TransmittableDisplayName same as DisplayName */
#define MAPI_RECIPIENT_R 0x0080		/* another transport delivers */
#define MAPI_RECIPIENT_N 0x0100		/* no rich text */
#define MAPI_RECIPIENT_U 0x0200		/* strings are UTF-16 */
#define MAPI_RECIPIENT_I 0x0400		/* SimpleDisplayName */
#define MAPI_RECIPIENT_RESERVED 0x7800
#define MAPI_RECIPIENT_O 0x8000		/* non-standard address type: AddressType */

/* Every field; those the flags leave out are 0 / NULL after a pull and ignored by a push. */
struct mapi_recipientrow {
	uint16_t flags;
	uint8_t address_prefix_used;
	uint8_t display_type;
	char *x500_dn;
	struct mapi_binary entry_id;		/* EntryIdSize is its length */
	struct mapi_binary search_key;		/* SearchKeySize is its length */
	char *address_type;
	char *email_address;
	char *display_name;
	char *simple_display_name;
	char *transmittable_display_name;
	uint16_t column_count;			/* RecipientColumnCount */
	struct mapi_proprow properties;		/* over the first column_count columns */
};

/*
 * Decodes one RecipientRow at r's position. columns: the ROP's recipient columns; a
 * RecipientColumnCount above their count is ecRpcFormat, NULL columns MAPI_E_INVALID_PARAMETER.
 * Returns 0, ecRpcFormat (truncated, reserved bits, bad string or value), the row decoder's
 * errors or MAPI_E_NOT_ENOUGH_MEMORY. Results on mem_ctx.
 */
uint32_t mapi_recipientrow_pull(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
				const struct mapi_proptag_array *columns,
				struct mapi_recipientrow *row);

/*
 * Appends row. Returns 0, MAPI_E_INVALID_PARAMETER (reserved bits, a string the flags call for
 * is NULL, an EntryID or SearchKey over 65535 bytes, column_count above the columns, a row the
 * columns cannot encode) or MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t mapi_recipientrow_push(struct mapi_propval_writer *w,
				const struct mapi_proptag_array *columns,
				const struct mapi_recipientrow *row);

#endif
