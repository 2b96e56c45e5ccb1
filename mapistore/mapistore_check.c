/*
 * mapistore_check.c — the store fsck behind `sambex store check`: tree integrity of every
 * mailbox (parents exist with a kind that may hold the child, no cycles, counters above every
 * used ID), then the backend's own check (blobs, reference counts).
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "mapistore_private.h"

static void report(struct mapistore_check_report *r, TALLOC_CTX *mem_ctx, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void report(struct mapistore_check_report *r, TALLOC_CTX *mem_ctx, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *line = talloc_vasprintf(mem_ctx, fmt, ap);
	va_end(ap);
	r->errors++;
	char **grown = talloc_realloc(mem_ctx, r->lines, char *, r->line_count + 1);
	if (line == NULL || grown == NULL)
		return;
	r->lines = grown;
	r->lines[r->line_count++] = line;
}

/* The kind of parent each kind of record may have. */
static bool parent_kind_ok(uint32_t kind, uint32_t parent_kind)
{
	switch (kind) {
	case MAPISTORE_KIND_FOLDER: return parent_kind == MAPISTORE_KIND_FOLDER;
	case MAPISTORE_KIND_MESSAGE:
		return parent_kind == MAPISTORE_KIND_FOLDER || parent_kind == MAPISTORE_KIND_ATTACHMENT;
	case MAPISTORE_KIND_ATTACHMENT:
	case MAPISTORE_KIND_RECIPIENT: return parent_kind == MAPISTORE_KIND_MESSAGE;
	default: return false;
	}
}

static const struct mapistore_record *find_rec(const struct mapistore_record *recs, uint32_t count, uint64_t id)
{
	// Records come sorted by id from the backend? Not promised: a linear scan keeps it simple.
	for (uint32_t i = 0; i < count; i++) {
		if (recs[i].id == id)
			return &recs[i];
	}
	return NULL;
}

static void check_record(struct mapistore_check_report *r, TALLOC_CTX *mem_ctx, const char *owner,
			 const struct mapistore_record *recs, uint32_t count, const struct mapistore_record *rec)
{
	if (rec->parent_id == 0) {
		if (rec->kind != MAPISTORE_KIND_FOLDER)
			report(r, mem_ctx, "%s: object 0x%016" PRIx64 " has no parent", owner, rec->id);
		return;
	}
	const struct mapistore_record *p = find_rec(recs, count, rec->parent_id);
	if (p == NULL) {
		report(r, mem_ctx, "%s: object 0x%016" PRIx64 " has a missing parent 0x%016" PRIx64, owner, rec->id,
		       rec->parent_id);
		return;
	}
	if (!parent_kind_ok(rec->kind, p->kind))
		report(r, mem_ctx, "%s: object 0x%016" PRIx64 " (kind %u) under kind %u", owner, rec->id, rec->kind,
		       p->kind);
	// Walk up: a chain longer than the record count is a cycle.
	const struct mapistore_record *cur = p;
	for (uint32_t steps = 0; cur != NULL && cur->parent_id != 0; steps++) {
		if (steps > count || cur->id == rec->id) {
			report(r, mem_ctx, "%s: object 0x%016" PRIx64 " is in a cycle", owner, rec->id);
			return;
		}
		cur = find_rec(recs, count, cur->parent_id);
	}
}

static void check_counters(struct mapistore_check_report *r, TALLOC_CTX *mem_ctx, struct mapistore *store,
			   const struct mapistore_mailbox_record *mb, const struct mapistore_record *recs,
			   uint32_t count)
{
	uint64_t next_glob = 0, next_obj = 0;
	store->vf->counter_peek(store->be, mb->mailbox_id, MAPISTORE_COUNTER_GLOBCNT, &next_glob);
	store->vf->counter_peek(store->be, mb->mailbox_id, MAPISTORE_COUNTER_OBJECT, &next_obj);
	for (uint32_t i = 0; i < count; i++) {
		uint64_t id = recs[i].id;
		bool store_id = mapistore_id_replid(id) == 0;
		uint64_t used = store_id ? id >> 16 : mapistore_id_globcnt(id);
		uint64_t next = store_id ? next_obj : next_glob;
		if (used >= next)
			report(r, mem_ctx, "%s: id 0x%016" PRIx64 " is not below its counter (%" PRIu64 ")", mb->owner,
			       id, next);
		if (recs[i].change_num != 0 && mapistore_id_globcnt(recs[i].change_num) >= next_glob)
			report(r, mem_ctx, "%s: change number of 0x%016" PRIx64 " is not below the counter",
			       mb->owner, id);
		if (recs[i].read_change_num != 0 && mapistore_id_globcnt(recs[i].read_change_num) >= next_glob)
			report(r, mem_ctx, "%s: read change number of 0x%016" PRIx64 " is not below the counter",
			       mb->owner, id);
	}
}

uint32_t mapistore_check(TALLOC_CTX *mem_ctx, struct mapistore *store, struct mapistore_check_report *report_r)
{
	*report_r = (struct mapistore_check_report){ 0 };
	TALLOC_CTX *tmp = talloc_new(NULL);
	if (tmp == NULL)
		return MAPI_E_NOT_ENOUGH_MEMORY;
	struct mapistore_mailbox_record *mbs = NULL;
	uint32_t nmb = 0;
	uint32_t status = store->vf->mailbox_list(store->be, tmp, &mbs, &nmb);
	for (uint32_t m = 0; status == MAPI_E_SUCCESS && m < nmb; m++) {
		struct mapistore_record *recs = NULL;
		uint32_t count = 0;
		status = store->vf->record_all(store->be, tmp, mbs[m].mailbox_id, &recs, &count);
		if (status != MAPI_E_SUCCESS)
			break;
		report_r->mailboxes++;
		report_r->objects += count;
		for (uint32_t i = 0; i < count; i++)
			check_record(report_r, mem_ctx, mbs[m].owner, recs, count, &recs[i]);
		check_counters(report_r, mem_ctx, store, &mbs[m], recs, count);
	}
	if (status == MAPI_E_SUCCESS)
		status = store->vf->check(store->be, mem_ctx, &report_r->backend);
	if (status == MAPI_E_SUCCESS)
		report_r->errors += report_r->backend.message_count;
	talloc_free(tmp);
	return status;
}

uint32_t mapistore_gc(struct mapistore *store, uint32_t grace_seconds, struct mapistore_backend_gc *gc_r)
{
	return store->vf->gc(store->be, grace_seconds, gc_r);
}
