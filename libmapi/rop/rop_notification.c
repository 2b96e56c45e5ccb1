/*
 * NotificationData (MS-OXCNOTIF 2.2.1.4.1.2). One function decides which fields are on the wire
 * (rop_notification_layout), so pull and push cannot disagree.
 */
#include <string.h>

#include "rop_notification.h"
#include "rop_runtime.h"

/* Which optional fields follow NotificationFlags, per the "available only if" of 2.2.1.4.1.2. */
struct rop_notification_layout {
	bool table_event;	/* TableEventType */
	bool row_folder;	/* TableRowFolderID */
	bool row_message;	/* TableRowMessageID, TableRowInstance */
	bool insert_folder;	/* InsertAfterTableRowFolderID */
	bool insert_message;	/* InsertAfterTableRowID, InsertAfterTableRowInstance */
	bool row_data;		/* TableRowDataSize, TableRowData */
	bool folder;		/* FolderId */
	bool message;		/* MessageId */
	bool parent;		/* ParentFolderId */
	bool old_folder;	/* OldFolderId */
	bool old_message;	/* OldMessageId */
	bool old_parent;	/* OldParentFolderId */
	bool tag_count;		/* TagCount */
	bool total;		/* TotalMessageCount */
	bool unread;		/* UnreadMessageCount */
	bool new_mail;		/* MessageFlags, UnicodeFlag, MessageClass */
};

static void rop_notification_layout(uint16_t flags, uint16_t table_event,
				    struct rop_notification_layout *l)
{
	uint16_t type = flags & ROP_NOTIFICATION_TYPE_MASK;
	bool m = (flags & ROP_NOTIFICATION_FLAG_MESSAGE) != 0;
	bool s = (flags & ROP_NOTIFICATION_FLAG_SEARCH) != 0;
	bool row_event = table_event == ROP_TABLE_EVENT_ROW_ADDED ||
			 table_event == ROP_TABLE_EVENT_ROW_DELETED ||
			 table_event == ROP_TABLE_EVENT_ROW_MODIFIED;
	bool add_or_modify = table_event == ROP_TABLE_EVENT_ROW_ADDED ||
			     table_event == ROP_TABLE_EVENT_ROW_MODIFIED;
	bool moved = type == ROP_NOTIFICATION_OBJECT_MOVED ||
		     type == ROP_NOTIFICATION_OBJECT_COPIED;

	memset(l, 0, sizeof(*l));
	l->table_event = type == ROP_NOTIFICATION_TABLE_MODIFIED;
	l->row_folder = l->table_event && row_event;
	l->row_message = l->row_folder && m;
	l->insert_folder = l->table_event && add_or_modify;
	l->insert_message = l->insert_folder && m;
	l->row_data = l->insert_folder;
	l->folder = type != ROP_NOTIFICATION_TABLE_MODIFIED && type != ROP_NOTIFICATION_RESERVED;
	l->message = l->folder && m;
	/* a message in a search folder (S and M) or a folder (neither) */
	l->parent = (type == ROP_NOTIFICATION_OBJECT_CREATED ||
		     type == ROP_NOTIFICATION_OBJECT_DELETED || moved) && s == m;
	l->old_folder = moved;
	l->old_message = moved && m;
	l->old_parent = moved && !m;
	l->tag_count = type == ROP_NOTIFICATION_OBJECT_CREATED ||
		       type == ROP_NOTIFICATION_OBJECT_MODIFIED;
	l->total = (flags & ROP_NOTIFICATION_FLAG_TOTAL) != 0;
	l->unread = (flags & ROP_NOTIFICATION_FLAG_UNREAD) != 0;
	l->new_mail = type == ROP_NOTIFICATION_NEW_MAIL;
}

/* Tags follow TagCount unless it is 0x0000 or 0xFFFF. */
static bool rop_notification_has_tags(uint16_t tag_count)
{
	return tag_count != 0 && tag_count != 0xFFFF;
}

/* TableRowDataSize + TableRowData: a PtypBinary in ROP-buffer form (u16 count, bytes). */
static uint32_t rop_notification_pull_row(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
					  const struct mapi_proptag_array *columns,
					  struct rop_notification_data *n)
{
	struct mapi_propval_reader sub;
	struct mapi_propval pv;
	uint32_t st = mapi_propval_pull_value(mem_ctx, r, PT_BINARY, &pv);

	if (st != 0) {
		return st;
	}
	n->table_row_bytes = pv.v.bin;
	if (columns == NULL) {
		return 0;
	}
	mapi_propval_reader_init(&sub, pv.v.bin.data, pv.v.bin.length, r->context, r->conv);
	st = rop_pull_row(mem_ctx, &sub, columns, &n->table_row_data);
	if (st == 0 && mapi_propval_reader_left(&sub) != 0) {
		st = ecRpcFormat;	/* TableRowDataSize frames exactly the row */
	}
	return st;
}

static uint32_t rop_notification_pull_tags(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
					   struct rop_notification_data *n)
{
	const uint8_t *p;
	uint32_t st = mapi_propval_pull_u16(r, &n->tag_count);

	if (st != 0 || !rop_notification_has_tags(n->tag_count)) {
		return st;
	}
	p = mapi_propval_pull_bytes(r, 4 * (size_t)n->tag_count);
	if (p == NULL) {
		return ecRpcFormat;	/* checked before allocating */
	}
	n->tags = talloc_array(mem_ctx, uint32_t, n->tag_count);
	if (n->tags == NULL) {
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	for (uint16_t i = 0; i < n->tag_count; i++) {
		n->tags[i] = mapi_le32_get(p + 4 * i);
	}
	return 0;
}

/* Pulls a u64 or u32 when present; st carries the first error through a sequence. */
static void pull64(struct mapi_propval_reader *r, bool present, uint64_t *v, uint32_t *st)
{
	if (*st == 0 && present) {
		*st = mapi_propval_pull_u64(r, v);
	}
}

static void pull32(struct mapi_propval_reader *r, bool present, uint32_t *v, uint32_t *st)
{
	if (*st == 0 && present) {
		*st = mapi_propval_pull_u32(r, v);
	}
}

/* MS-OXCNOTIF 2.2.1.4.1.2, in field order */
uint32_t rop_notification_pull(TALLOC_CTX *mem_ctx, struct mapi_propval_reader *r,
			       const struct mapi_proptag_array *columns,
			       struct rop_notification_data *n)
{
	struct rop_notification_layout l;
	uint32_t st;

	memset(n, 0, sizeof(*n));
	st = mapi_propval_pull_u16(r, &n->notification_flags);
	if (st == 0 && (n->notification_flags & ROP_NOTIFICATION_TYPE_MASK) ==
		       ROP_NOTIFICATION_TABLE_MODIFIED) {
		st = mapi_propval_pull_u16(r, &n->table_event_type);
	}
	if (st != 0) {
		return st;
	}
	rop_notification_layout(n->notification_flags, n->table_event_type, &l);
	pull64(r, l.row_folder, &n->table_row_folder_id, &st);
	pull64(r, l.row_message, &n->table_row_message_id, &st);
	pull32(r, l.row_message, &n->table_row_instance, &st);
	pull64(r, l.insert_folder, &n->insert_after_table_row_folder_id, &st);
	pull64(r, l.insert_message, &n->insert_after_table_row_id, &st);
	pull32(r, l.insert_message, &n->insert_after_table_row_instance, &st);
	if (st == 0 && l.row_data) {
		st = rop_notification_pull_row(mem_ctx, r, columns, n);
	}
	pull64(r, l.folder, &n->folder_id, &st);
	pull64(r, l.message, &n->message_id, &st);
	pull64(r, l.parent, &n->parent_folder_id, &st);
	pull64(r, l.old_folder, &n->old_folder_id, &st);
	pull64(r, l.old_message, &n->old_message_id, &st);
	pull64(r, l.old_parent, &n->old_parent_folder_id, &st);
	if (st == 0 && l.tag_count) {
		st = rop_notification_pull_tags(mem_ctx, r, n);
	}
	pull32(r, l.total, &n->total_message_count, &st);
	pull32(r, l.unread, &n->unread_message_count, &st);
	pull32(r, l.new_mail, &n->message_flags, &st);
	if (st == 0 && l.new_mail) {
		st = rop_pull_bool(r, &n->unicode_flag);
	}
	if (st == 0 && l.new_mail) {
		st = rop_pull_string(mem_ctx, r, n->unicode_flag ? 0x001F : 0x001E,
				     &n->message_class);
	}
	return st;
}

static uint32_t rop_notification_push_row(struct mapi_propval_writer *w,
					  const struct mapi_proptag_array *columns,
					  const struct rop_notification_data *n)
{
	struct mapi_propval pv = { .tag = PT_BINARY, .v.bin = n->table_row_bytes };
	size_t at = w->len, len;
	uint32_t st;

	if (columns == NULL) {
		return mapi_propval_push_value(w, PT_BINARY, &pv);
	}
	st = mapi_propval_push_u16(w, 0);	/* TableRowDataSize, patched below */
	if (st == 0) {
		st = rop_push_row(w, columns, &n->table_row_data);
	}
	if (st != 0) {
		return st;
	}
	len = w->len - at - 2;
	if (len > 0xFFFF) {
		return MAPI_E_INVALID_PARAMETER;
	}
	mapi_le16_put(w->data + at, (uint16_t)len);
	return 0;
}

static uint32_t rop_notification_push_tags(struct mapi_propval_writer *w,
					   const struct rop_notification_data *n)
{
	uint32_t st = mapi_propval_push_u16(w, n->tag_count);

	if (st != 0 || !rop_notification_has_tags(n->tag_count)) {
		return st;
	}
	if (n->tags == NULL) {
		return MAPI_E_INVALID_PARAMETER;
	}
	for (uint16_t i = 0; st == 0 && i < n->tag_count; i++) {
		st = mapi_propval_push_u32(w, n->tags[i]);
	}
	return st;
}

static void push64(struct mapi_propval_writer *w, bool present, uint64_t v, uint32_t *st)
{
	if (*st == 0 && present) {
		*st = mapi_propval_push_u64(w, v);
	}
}

static void push32(struct mapi_propval_writer *w, bool present, uint32_t v, uint32_t *st)
{
	if (*st == 0 && present) {
		*st = mapi_propval_push_u32(w, v);
	}
}

uint32_t rop_notification_push(struct mapi_propval_writer *w,
			       const struct mapi_proptag_array *columns,
			       const struct rop_notification_data *n)
{
	struct rop_notification_layout l;
	uint32_t st;

	rop_notification_layout(n->notification_flags, n->table_event_type, &l);
	st = mapi_propval_push_u16(w, n->notification_flags);
	if (st == 0 && l.table_event) {
		st = mapi_propval_push_u16(w, n->table_event_type);
	}
	push64(w, l.row_folder, n->table_row_folder_id, &st);
	push64(w, l.row_message, n->table_row_message_id, &st);
	push32(w, l.row_message, n->table_row_instance, &st);
	push64(w, l.insert_folder, n->insert_after_table_row_folder_id, &st);
	push64(w, l.insert_message, n->insert_after_table_row_id, &st);
	push32(w, l.insert_message, n->insert_after_table_row_instance, &st);
	if (st == 0 && l.row_data) {
		st = rop_notification_push_row(w, columns, n);
	}
	push64(w, l.folder, n->folder_id, &st);
	push64(w, l.message, n->message_id, &st);
	push64(w, l.parent, n->parent_folder_id, &st);
	push64(w, l.old_folder, n->old_folder_id, &st);
	push64(w, l.old_message, n->old_message_id, &st);
	push64(w, l.old_parent, n->old_parent_folder_id, &st);
	if (st == 0 && l.tag_count) {
		st = rop_notification_push_tags(w, n);
	}
	push32(w, l.total, n->total_message_count, &st);
	push32(w, l.unread, n->unread_message_count, &st);
	push32(w, l.new_mail, n->message_flags, &st);
	if (st == 0 && l.new_mail) {
		st = mapi_propval_push_u8(w, n->unicode_flag ? 1 : 0);
	}
	if (st == 0 && l.new_mail) {
		st = rop_push_string(w, n->unicode_flag ? 0x001F : 0x001E, n->message_class);
	}
	return st;
}
