/* RecipientRow (MS-OXCDATA 2.8.3): pull and push share one reading of the flags. */
#include <string.h>

#include "mapi_recipientrow.h"

/* The string fields in wire order, each with the flag that includes it (2.8.3.2). */
struct mapi_recipientrow_string {
	size_t offset;
	uint16_t flag;
};

static const struct mapi_recipientrow_string strings[] = {
	{ offsetof(struct mapi_recipientrow, email_address), MAPI_RECIPIENT_E },
	{ offsetof(struct mapi_recipientrow, display_name), MAPI_RECIPIENT_D },
	{ offsetof(struct mapi_recipientrow, simple_display_name), MAPI_RECIPIENT_I },
	{ offsetof(struct mapi_recipientrow, transmittable_display_name), MAPI_RECIPIENT_T },
};

static char **string_member(struct mapi_recipientrow *row, size_t i)
{
	return (char **)((uint8_t *)row + strings[i].offset);
}

static uint16_t recipient_type(uint16_t flags)
{
	return flags & MAPI_RECIPIENT_TYPE_MASK;
}

static bool has_address_type(uint16_t flags)
{
	return recipient_type(flags) == MAPI_RECIPIENT_TYPE_NONE && (flags & MAPI_RECIPIENT_O);
}

static bool is_pdl(uint16_t flags)
{
	return recipient_type(flags) == MAPI_RECIPIENT_TYPE_PDL1 ||
	       recipient_type(flags) == MAPI_RECIPIENT_TYPE_PDL2;
}


/*
 * A u16 size and that many bytes (EntryIdSize + EntryID, SearchKeySize + SearchKey): the
 * PtypBinary encoding of ROP buffers (MS-OXCDATA 2.11.1.1), so mapi_propval reads and writes it.
 */
static uint32_t pull_sized(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
			   struct mapi_binary *b)
{
	struct mapi_propval pv;
	uint32_t st = mapi_propval_pull_value(mem_ctx, r, PT_BINARY, &pv);

	if (st == 0) {
		*b = pv.v.bin;
	}
	return st;
}

static uint32_t push_sized(struct mapi_propval_writer *w, const struct mapi_binary *b)
{
	struct mapi_propval pv = { .tag = PT_BINARY, .v.bin = *b };

	return mapi_propval_push_value(w, PT_BINARY, &pv);
}

/* The standard fields between RecipientFlags and RecipientColumnCount. */
static uint32_t pull_standard(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
			      struct mapi_recipientrow *row)
{
	bool unicode = (row->flags & MAPI_RECIPIENT_U) != 0;
	uint32_t st = 0;

	if (recipient_type(row->flags) == MAPI_RECIPIENT_TYPE_X500DN) {
		st = mapi_propval_pull_u8(r, &row->address_prefix_used);
		if (st == 0) {
			st = mapi_propval_pull_u8(r, &row->display_type);
		}
		if (st == 0) {
			st = mapi_propval_pull_string(mem_ctx, r, false, &row->x500_dn);
		}
	}
	if (st == 0 && is_pdl(row->flags)) {
		st = pull_sized(mem_ctx, r, &row->entry_id);
		if (st == 0) {
			st = pull_sized(mem_ctx, r, &row->search_key);
		}
	}
	if (st == 0 && has_address_type(row->flags)) {
		st = mapi_propval_pull_string(mem_ctx, r, unicode, &row->address_type);
	}
	for (size_t i = 0; st == 0 && i < sizeof(strings) / sizeof(strings[0]); i++) {
		if (row->flags & strings[i].flag) {
			st = mapi_propval_pull_string(mem_ctx, r, unicode, string_member(row, i));
		}
	}
	return st;
}

static uint32_t push_standard(struct mapi_propval_writer *w, const struct mapi_recipientrow *row)
{
	bool unicode = (row->flags & MAPI_RECIPIENT_U) != 0;
	uint32_t st = 0;

	if (recipient_type(row->flags) == MAPI_RECIPIENT_TYPE_X500DN) {
		st = mapi_propval_push_u8(w, row->address_prefix_used);
		if (st == 0) {
			st = mapi_propval_push_u8(w, row->display_type);
		}
		if (st == 0) {
			st = mapi_propval_push_string(w, false, row->x500_dn);
		}
	}
	if (st == 0 && is_pdl(row->flags)) {
		st = push_sized(w, &row->entry_id);
		if (st == 0) {
			st = push_sized(w, &row->search_key);
		}
	}
	if (st == 0 && has_address_type(row->flags)) {
		st = mapi_propval_push_string(w, unicode, row->address_type);
	}
	for (size_t i = 0; st == 0 && i < sizeof(strings) / sizeof(strings[0]); i++) {
		if (row->flags & strings[i].flag) {
			st = mapi_propval_push_string(w, unicode,
					 *string_member((struct mapi_recipientrow *)row, i));
		}
	}
	return st;
}

/* MS-OXCDATA 2.8.3.2 */
uint32_t mapi_recipientrow_pull(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
				const struct mapi_proptag_array *columns,
				struct mapi_recipientrow *row)
{
	struct mapi_proptag_array used;
	uint32_t st;

	memset(row, 0, sizeof(*row));
	if (columns == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	st = mapi_propval_pull_u16(r, &row->flags);
	if (st == 0 && (row->flags & MAPI_RECIPIENT_RESERVED) != 0) {
		st = ecRpcFormat;	/* 2.8.3.1: the server MUST set them to zero */
	}
	if (st == 0) {
		st = pull_standard(mem_ctx, r, row);
	}
	if (st == 0) {
		st = mapi_propval_pull_u16(r, &row->column_count);
	}
	if (st == 0 && row->column_count > columns->count) {
		st = ecRpcFormat;
	}
	if (st != 0) {
		return st;
	}
	used.count = row->column_count;
	used.tags = columns->tags;
	return mapi_proprow_pull(mem_ctx, r, &used, &row->properties);
}

uint32_t mapi_recipientrow_push(struct mapi_propval_writer *w,
				const struct mapi_proptag_array *columns,
				const struct mapi_recipientrow *row)
{
	struct mapi_proptag_array used;
	uint32_t st;

	if (columns == NULL || (row->flags & MAPI_RECIPIENT_RESERVED) != 0 ||
	    row->column_count > columns->count) {
		return MAPI_E_INVALID_PARAMETER;
	}
	st = mapi_propval_push_u16(w, row->flags);
	if (st == 0) {
		st = push_standard(w, row);
	}
	if (st == 0) {
		st = mapi_propval_push_u16(w, row->column_count);
	}
	if (st != 0) {
		return st;
	}
	used.count = row->column_count;
	used.tags = columns->tags;
	return mapi_proprow_push(w, &used, &row->properties);
}
