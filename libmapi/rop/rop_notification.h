/*
 * NotificationData of RopNotify (MS-OXCNOTIF 2.2.1.4.1.2): which fields follow NotificationFlags
 * depends on the notification type in its low 12 bits, on its flag bits, on TableEventType and
 * on TagCount, in combinations the ROP description language does not express; this is the one
 * hand-written ROP part. idl/rops/oxcnotif.rop uses it as the type `notification(columns)`.
 */
#ifndef SAMBEX_ROP_NOTIFICATION_H
#define SAMBEX_ROP_NOTIFICATION_H

#include <stdbool.h>
#include <stdint.h>
#include <talloc.h>

#include "mapi_proprow.h"
#include "mapi_propval.h"

/* NotificationFlags (2.2.1.4.1.2): the type is the low 12 bits, flags the high 4. */
#define ROP_NOTIFICATION_TYPE_MASK 0x0FFF
#define ROP_NOTIFICATION_NEW_MAIL 0x0002
#define ROP_NOTIFICATION_OBJECT_CREATED 0x0004
#define ROP_NOTIFICATION_OBJECT_DELETED 0x0008
#define ROP_NOTIFICATION_OBJECT_MODIFIED 0x0010
#define ROP_NOTIFICATION_OBJECT_MOVED 0x0020
#define ROP_NOTIFICATION_OBJECT_COPIED 0x0040
#define ROP_NOTIFICATION_SEARCH_COMPLETED 0x0080
#define ROP_NOTIFICATION_TABLE_MODIFIED 0x0100
#define ROP_NOTIFICATION_RESERVED 0x0400
#define ROP_NOTIFICATION_FLAG_TOTAL 0x1000	/* T: TotalMessageCount follows */
#define ROP_NOTIFICATION_FLAG_UNREAD 0x2000	/* U: UnreadMessageCount follows */
#define ROP_NOTIFICATION_FLAG_SEARCH 0x4000	/* S: an event in a search folder */
#define ROP_NOTIFICATION_FLAG_MESSAGE 0x8000	/* M: an event on a message */

/* TableEventType values (2.2.1.4.1.2) */
#define ROP_TABLE_EVENT_CHANGED 0x0001
#define ROP_TABLE_EVENT_ROW_ADDED 0x0003
#define ROP_TABLE_EVENT_ROW_DELETED 0x0004
#define ROP_TABLE_EVENT_ROW_MODIFIED 0x0005
#define ROP_TABLE_EVENT_RESTRICTION_CHANGED 0x0007

/*
 * Every field of 2.2.1.4.1.2; a field is on the wire only when the spec's condition holds on
 * notification_flags (and table_event_type, tag_count), otherwise it is 0 / NULL after a pull
 * and ignored by a push.
 */
struct rop_notification_data {
	uint16_t notification_flags;
	uint16_t table_event_type;
	uint64_t table_row_folder_id;
	uint64_t table_row_message_id;
	uint32_t table_row_instance;
	uint64_t insert_after_table_row_folder_id;
	uint64_t insert_after_table_row_id;
	uint32_t insert_after_table_row_instance;
	/*
	 * TableRowData: a PropertyRow for the table's columns (RopSetColumns), framed by
	 * TableRowDataSize. A pull keeps the bytes in table_row_bytes and, given columns, decodes
	 * them into table_row_data (they must frame exactly one row); a push writes table_row_data
	 * when given columns, table_row_bytes otherwise. TableRowDataSize is computed.
	 */
	struct mapi_binary table_row_bytes;
	struct mapi_proprow table_row_data;
	uint64_t folder_id;
	uint64_t message_id;
	uint64_t parent_folder_id;
	uint64_t old_folder_id;
	uint64_t old_message_id;
	uint64_t old_parent_folder_id;
	uint16_t tag_count;
	uint32_t *tags;			/* tag_count entries unless tag_count is 0 or 0xFFFF */
	uint32_t total_message_count;
	uint32_t unread_message_count;
	uint32_t message_flags;
	bool unicode_flag;
	char *message_class;		/* UTF-8 if unicode_flag, else the 8-bit bytes */
};

/*
 * Decodes one NotificationData at r's position (cleared first). Returns 0, ecRpcFormat
 * (truncated, UnicodeFlag not 0/1, a row that does not fill TableRowDataSize exactly, bad
 * string), the row decoder's errors or MAPI_E_NOT_ENOUGH_MEMORY. Results on mem_ctx.
 */
uint32_t rop_notification_pull(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
			       const struct mapi_proptag_array *columns,
			       struct rop_notification_data *n);

/*
 * Appends n. Returns 0, MAPI_E_INVALID_PARAMETER (tags NULL with a count to write, no
 * message class for NewMail, table row over 65535 bytes, unencodable row) or
 * MAPI_E_NOT_ENOUGH_MEMORY.
 */
uint32_t rop_notification_push(struct mapi_propval_writer *w,
			       const struct mapi_proptag_array *columns,
			       const struct rop_notification_data *n);

#endif
