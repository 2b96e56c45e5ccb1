/*
 * mapistore_mailbox.c — mailboxes: creation with the special folder set of MS-OXOSFLD, localised
 * names chosen at creation, the entry-ID properties of the root and the Inbox, and opening.
 */
#include <string.h>

#include "mapi_le.h"
#include "mapi_props.h"
#include "mapistore_private.h"

enum { LANG_EN, LANG_FR, LANG_DE, LANG_COUNT };
static const char *const lang_codes[LANG_COUNT] = { "en", "fr", "de" };

struct special_folder {
	enum mapistore_special parent;
	uint32_t folder_type;		/* MS-OXCFOLD 2.2.1.2; 0 is the root (FOLDER_ROOT) */
	const char *container_class;	/* PidTagContainerClass, NULL for none */
	const char *names[LANG_COUNT];
};

/* MS-OXOSFLD 1.3.1 and 2.2.2: the special folders, in enum mapistore_special order. */
static const struct special_folder specials[MAPISTORE_SPECIAL_COUNT] = {
	[MAPISTORE_ROOT] = { MAPISTORE_ROOT, 0, NULL, { "Root Container", "Root Container", "Root Container" } },
	[MAPISTORE_DEFERRED_ACTION] = { MAPISTORE_ROOT, 1, NULL,
		{ "Deferred Action", "Deferred Action", "Deferred Action" } },
	[MAPISTORE_SPOOLER_QUEUE] = { MAPISTORE_ROOT, 1, NULL, { "Spooler Queue", "Spooler Queue", "Spooler Queue" } },
	[MAPISTORE_IPM_SUBTREE] = { MAPISTORE_ROOT, 1, NULL, { "Top of Information Store",
		"Haut de la banque d'informations", "Oberste Ebene des Informationsspeichers" } },
	[MAPISTORE_INBOX] = { MAPISTORE_IPM_SUBTREE, 1, "IPF.Note",
		{ "Inbox", "Bo\xc3\xaete de r\xc3\xa9" "ception", "Posteingang" } },
	[MAPISTORE_OUTBOX] = { MAPISTORE_IPM_SUBTREE, 1, "IPF.Note", { "Outbox", "Bo\xc3\xaete d'envoi", "Postausgang" } },
	[MAPISTORE_SENT_ITEMS] = { MAPISTORE_IPM_SUBTREE, 1, "IPF.Note",
		{ "Sent Items", "\xc3\x89l\xc3\xa9ments envoy\xc3\xa9s", "Gesendete Elemente" } },
	[MAPISTORE_DELETED_ITEMS] = { MAPISTORE_IPM_SUBTREE, 1, "IPF.Note",
		{ "Deleted Items", "\xc3\x89l\xc3\xa9ments supprim\xc3\xa9s", "Gel\xc3\xb6schte Elemente" } },
	[MAPISTORE_COMMON_VIEWS] = { MAPISTORE_ROOT, 1, NULL, { "Common Views", "Common Views", "Common Views" } },
	[MAPISTORE_SCHEDULE] = { MAPISTORE_ROOT, 1, NULL, { "Schedule", "Schedule", "Schedule" } },
	[MAPISTORE_SEARCH_ROOT] = { MAPISTORE_ROOT, 1, NULL, { "Finder", "Finder", "Finder" } },
	[MAPISTORE_VIEWS] = { MAPISTORE_ROOT, 1, NULL, { "Views", "Views", "Views" } },
	[MAPISTORE_SHORTCUTS] = { MAPISTORE_ROOT, 1, NULL, { "Shortcuts", "Shortcuts", "Shortcuts" } },
	[MAPISTORE_DRAFTS] = { MAPISTORE_IPM_SUBTREE, 1, "IPF.Note", { "Drafts", "Brouillons", "Entw\xc3\xbcrfe" } },
	[MAPISTORE_CALENDAR] = { MAPISTORE_IPM_SUBTREE, 1, "IPF.Appointment",
		{ "Calendar", "Calendrier", "Kalender" } },
	[MAPISTORE_CONTACTS] = { MAPISTORE_IPM_SUBTREE, 1, "IPF.Contact", { "Contacts", "Contacts", "Kontakte" } },
	[MAPISTORE_JOURNAL] = { MAPISTORE_IPM_SUBTREE, 1, "IPF.Journal", { "Journal", "Journal", "Journal" } },
	[MAPISTORE_NOTES] = { MAPISTORE_IPM_SUBTREE, 1, "IPF.StickyNote", { "Notes", "Notes", "Notizen" } },
	[MAPISTORE_TASKS] = { MAPISTORE_IPM_SUBTREE, 1, "IPF.Task", { "Tasks", "T\xc3\xa2" "ches", "Aufgaben" } },
	[MAPISTORE_SYNC_ISSUES] = { MAPISTORE_IPM_SUBTREE, 1, "IPF.Note",
		{ "Sync Issues", "Probl\xc3\xa8mes de synchronisation", "Synchronisierungsprobleme" } },
	[MAPISTORE_CONFLICTS] = { MAPISTORE_SYNC_ISSUES, 1, "IPF.Note", { "Conflicts", "Conflits", "Konflikte" } },
	[MAPISTORE_LOCAL_FAILURES] = { MAPISTORE_SYNC_ISSUES, 1, "IPF.Note",
		{ "Local Failures", "\xc3\x89" "checs locaux", "Lokale Fehler" } },
	[MAPISTORE_SERVER_FAILURES] = { MAPISTORE_SYNC_ISSUES, 1, "IPF.Note",
		{ "Server Failures", "\xc3\x89" "checs du serveur", "Serverfehler" } },
	[MAPISTORE_JUNK_EMAIL] = { MAPISTORE_IPM_SUBTREE, 1, "IPF.Note",
		{ "Junk E-mail", "Courrier ind\xc3\xa9sirable", "Junk-E-Mail" } },
	[MAPISTORE_REMINDERS] = { MAPISTORE_ROOT, 2, "Outlook.Reminder", { "Reminders", "Rappels", "Erinnerungen" } },
};

/* MS-OXOSFLD 2.2: the entry-ID properties on the root and the Inbox, and their folders. */
static const struct { uint32_t tag; enum mapistore_special folder; } entry_id_props[] = {
	{ PidTagIpmAppointmentEntryId, MAPISTORE_CALENDAR },
	{ PidTagIpmContactEntryId, MAPISTORE_CONTACTS },
	{ PidTagIpmJournalEntryId, MAPISTORE_JOURNAL },
	{ PidTagIpmNoteEntryId, MAPISTORE_NOTES },
	{ PidTagIpmTaskEntryId, MAPISTORE_TASKS },
	{ PidTagIpmDraftsEntryId, MAPISTORE_DRAFTS },
	{ MAPISTORE_TAG_REMINDERS_ONLINE_ENTRY_ID, MAPISTORE_REMINDERS },
};

/* MS-OXOSFLD 2.2.4: PidTagAdditionalRenEntryIds indexes 0..4. */
static const enum mapistore_special additional_ren[] = {
	MAPISTORE_CONFLICTS, MAPISTORE_SYNC_ISSUES, MAPISTORE_LOCAL_FAILURES, MAPISTORE_SERVER_FAILURES,
	MAPISTORE_JUNK_EMAIL,
};

/* Special folders are the first GLOBCNTs of a new mailbox, in enum order: no table needed. */
uint64_t mapistore_mailbox_special(const struct mapistore_mailbox *mbox, enum mapistore_special which)
{
	uint64_t fid = 0;
	(void)mbox;
	if ((unsigned)which >= MAPISTORE_SPECIAL_COUNT ||
	    mapistore_id_make(MAPISTORE_ID_REPLID_MAILBOX, (uint64_t)which + 1, &fid) != MAPI_E_SUCCESS)
		return 0;
	return fid;
}

const struct GUID *mapistore_mailbox_guid(const struct mapistore_mailbox *mbox)
{
	return &mbox->rec.guid;
}

uint64_t mapistore_mailbox_key(const struct mapistore_mailbox *mbox)
{
	return mbox->rec.mailbox_id;
}

struct mapistore *mapistore_mailbox_store(const struct mapistore_mailbox *mbox)
{
	return mbox->store;
}

static void put_gid(uint8_t *p, const struct mapistore_mailbox *mbox, uint64_t id, bool *ok)
{
	struct mapistore_id_gid gid;
	if (mapistore_id_to_gid(mbox->repl, id, &gid) != MAPI_E_SUCCESS) {
		*ok = false;
		return;
	}
	mapi_guid_to_wire(&gid.guid, p);
	mapistore_id_globcnt_put(p + 16, gid.globcnt);
	p[22] = p[23] = 0;		/* Pad */
}

uint32_t mapistore_mailbox_entry_id(TALLOC_CTX *mem_ctx, const struct mapistore_mailbox *mbox, uint64_t fid,
				    uint64_t mid, struct mapi_binary *entry_id_r)
{
	// MS-OXCDATA 2.2.4.1 Folder EntryID (46 bytes) / 2.2.4.2 Message EntryID (70 bytes).
	uint32_t len = mid == 0 ? 46 : 70;
	uint8_t *p = talloc_zero_array(mem_ctx, uint8_t, len);
	if (p == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	bool ok = true;
	mapi_guid_to_wire(&mbox->rec.guid, p + 4);			/* ProviderUID: the MailboxGuid */
	mapi_le16_put(p + 20, mid == 0 ? 0x0001 : 0x0007);		/* eitLTPrivateFolder / Message */
	put_gid(p + 22, mbox, fid, &ok);
	if (mid != 0)
		put_gid(p + 46, mbox, mid, &ok);
	if (!ok) {
		talloc_free(p);
		return MAPI_E_NOT_FOUND;
	}
	entry_id_r->length = len;
	entry_id_r->data = p;
	return MAPI_E_SUCCESS;
}

static uint32_t mailbox_init(TALLOC_CTX *mem_ctx, struct mapistore *store, struct mapistore_mailbox **mbox_r)
{
	struct mapistore_mailbox *mbox = talloc_zero(mem_ctx, struct mapistore_mailbox);
	if (mbox == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	mbox->store = store;
	mbox->conv = mapi_utf16_conv_new(mbox);
	if (mbox->conv == NULL) {
		talloc_free(mbox);
		return MAPI_E_NOT_ENOUGH_MEMORY;
	}
	*mbox_r = mbox;
	return MAPI_E_SUCCESS;
}

static uint32_t mailbox_attach_repl(struct mapistore_mailbox *mbox)
{
	mbox->repl = mapistore_id_repl_table_new(mbox, &mbox->rec.guid);
	return mbox->repl == NULL ? MAPI_E_NOT_ENOUGH_MEMORY : MAPI_E_SUCCESS;
}

/* One special folder: record, names, type, class, IDs, change stamp. In a transaction. */
static uint32_t create_special(struct mapistore_mailbox *mbox, enum mapistore_special which, unsigned lang)
{
	const struct special_folder *sf = &specials[which];
	struct mapistore_record rec = {
		.id = mapistore_mailbox_special(mbox, which),
		.parent_id = which == MAPISTORE_ROOT ? 0 : mapistore_mailbox_special(mbox, sf->parent),
		.kind = MAPISTORE_KIND_FOLDER,
		.flags = sf->folder_type == MAPISTORE_FOLDER_SEARCH ? MAPISTORE_RECORD_SEARCH : 0,
	};
	uint32_t status = MS_VF(mbox)->record_put(MS_BE(mbox), mbox->rec.mailbox_id, &rec);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_write_str(mbox, rec.id, PidTagDisplayName, sf->names[lang]);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_write_i32(mbox, rec.id, PidTagFolderType, (int32_t)sf->folder_type);
	if (status == MAPI_E_SUCCESS && sf->container_class != NULL)
		status = mapistore_prop_write_str(mbox, rec.id, PidTagContainerClass, sf->container_class);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_write_i64(mbox, rec.id, PidTagFolderId, (int64_t)rec.id);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_prop_write_i64(mbox, rec.id, PidTagParentFolderId, (int64_t)rec.parent_id);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_change_stamp(mbox, &rec, false);
	return status;
}

/* MS-OXOSFLD 2.2.3-2.2.8: the same entry IDs on the root and on the Inbox, plus the Inbox's list. */
static uint32_t write_entry_ids(struct mapistore_mailbox *mbox, TALLOC_CTX *tmp)
{
	uint64_t holders[2] = { mapistore_mailbox_special(mbox, MAPISTORE_ROOT),
				mapistore_mailbox_special(mbox, MAPISTORE_INBOX) };
	uint32_t status = MAPI_E_SUCCESS;
	for (size_t i = 0; status == MAPI_E_SUCCESS && i < sizeof(entry_id_props) / sizeof(entry_id_props[0]); i++) {
		struct mapi_binary eid;
		status = mapistore_mailbox_entry_id(tmp, mbox, mapistore_mailbox_special(mbox, entry_id_props[i].folder),
						    0, &eid);
		for (int h = 0; status == MAPI_E_SUCCESS && h < 2; h++)
			status = mapistore_prop_write_bin(mbox, holders[h], entry_id_props[i].tag, eid.data, eid.length);
	}
	struct mapi_propval ren = { .tag = MAPISTORE_TAG_ADDITIONAL_REN_ENTRY_IDS, .flag = MAPI_PROPVAL_FLAG_VALUE };
	uint32_t count = sizeof(additional_ren) / sizeof(additional_ren[0]);
	ren.v.mv.count = count;
	ren.v.mv.v.bin = talloc_zero_array(tmp, struct mapi_binary, count);
	if (ren.v.mv.v.bin == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	for (uint32_t i = 0; status == MAPI_E_SUCCESS && i < count; i++)
		status = mapistore_mailbox_entry_id(tmp, mbox, mapistore_mailbox_special(mbox, additional_ren[i]), 0,
						    &ren.v.mv.v.bin[i]);
	for (int h = 0; status == MAPI_E_SUCCESS && h < 2; h++)
		status = mapistore_prop_write(mbox, holders[h], &ren);
	return status;
}

static uint32_t mailbox_populate(struct mapistore_mailbox *mbox, unsigned lang)
{
	uint64_t first;
	uint32_t status = MS_VF(mbox)->counter_reserve(MS_BE(mbox), 0, MAPISTORE_COUNTER_MAILBOX, 1, &first);
	if (status != MAPI_E_SUCCESS)
		return status;
	mbox->rec.mailbox_id = first;
	status = MS_VF(mbox)->mailbox_put(MS_BE(mbox), &mbox->rec);
	uint64_t fids[MAPISTORE_SPECIAL_COUNT];
	if (status == MAPI_E_SUCCESS)
		status = mapistore_alloc_ids(mbox, MAPISTORE_SPECIAL_COUNT, fids);
	// The special FIDs must be GLOBCNT 1..N (mapistore_mailbox_special relies on it).
	if (status == MAPI_E_SUCCESS && fids[0] != mapistore_mailbox_special(mbox, MAPISTORE_ROOT))
		status = MAPI_E_CALL_FAILED;
	for (unsigned i = 0; status == MAPI_E_SUCCESS && i < MAPISTORE_SPECIAL_COUNT; i++)
		status = create_special(mbox, (enum mapistore_special)i, lang);
	if (status == MAPI_E_SUCCESS) {
		TALLOC_CTX *tmp = talloc_new(NULL);
		status = tmp == NULL ? MAPI_E_NOT_ENOUGH_MEMORY : write_entry_ids(mbox, tmp);
		talloc_free(tmp);
	}
	return status;
}

static bool owner_ok(const char *owner)
{
	return owner != NULL && owner[0] != '\0' && strlen(owner) <= 255;
}

uint32_t mapistore_mailbox_create(TALLOC_CTX *mem_ctx, struct mapistore *store, const char *owner,
				  const char *locale, struct mapistore_mailbox **mbox_r)
{
	if (store == NULL || !owner_ok(owner) || mbox_r == NULL)
		return MAPI_E_INVALID_PARAMETER;
	unsigned lang = LANG_COUNT;
	for (unsigned i = 0; i < LANG_COUNT; i++) {
		if (strcmp(locale != NULL ? locale : "en", lang_codes[i]) == 0)
			lang = i;
	}
	if (lang == LANG_COUNT)
		return MAPI_E_UNKNOWN_LCID;
	struct mapistore_mailbox *mbox;
	uint32_t status = mailbox_init(mem_ctx, store, &mbox);
	if (status != MAPI_E_SUCCESS)
		return status;
	mbox->rec.owner = talloc_strdup(mbox, owner);
	mbox->rec.locale = lang_codes[lang];
	mbox->rec.guid = mapi_guid_random();
	status = mbox->rec.owner == NULL ? MAPI_E_NOT_ENOUGH_MEMORY : mailbox_attach_repl(mbox);
	if (status == MAPI_E_SUCCESS)
		status = mapistore_txn_begin(mbox);
	if (status != MAPI_E_SUCCESS) {
		talloc_free(mbox);
		return status;
	}
	struct mapistore_mailbox_record existing;
	status = MS_VF(mbox)->mailbox_get(MS_BE(mbox), mbox, owner, &existing);
	if (status == MAPI_E_SUCCESS)
		status = ecDuplicateName;
	else if (status == MAPI_E_NOT_FOUND)
		status = mailbox_populate(mbox, lang);
	status = mapistore_txn_end(mbox, status);
	if (status != MAPI_E_SUCCESS) {
		talloc_free(mbox);
		return status;
	}
	*mbox_r = mbox;
	return MAPI_E_SUCCESS;
}

uint32_t mapistore_mailbox_open(TALLOC_CTX *mem_ctx, struct mapistore *store, const char *owner,
				struct mapistore_mailbox **mbox_r)
{
	if (store == NULL || !owner_ok(owner) || mbox_r == NULL)
		return MAPI_E_INVALID_PARAMETER;
	struct mapistore_mailbox *mbox;
	uint32_t status = mailbox_init(mem_ctx, store, &mbox);
	if (status != MAPI_E_SUCCESS)
		return status;
	status = store->vf->mailbox_get(store->be, mbox, owner, &mbox->rec);
	if (status == MAPI_E_NOT_FOUND)
		status = ecUnknownUser;
	if (status == MAPI_E_SUCCESS)
		status = mailbox_attach_repl(mbox);
	if (status != MAPI_E_SUCCESS) {
		talloc_free(mbox);
		return status;
	}
	*mbox_r = mbox;
	return MAPI_E_SUCCESS;
}
