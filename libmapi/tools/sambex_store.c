/*
 * sambex_store.c — `sambex store check URL` (the store fsck) and `sambex store stats URL`.
 *
 * check: tree integrity of every mailbox (every parent exists with a kind that may hold the
 * child, no cycles, counters above every used ID) and the backend's own check (blob reference
 * counts, missing and corrupt blob files); orphan blob files are counted as reclaimable.
 * Exit 0 when clean, 1 when problems were found or the store cannot be opened, 2 on usage.
 * `sambex store mailbox URL OWNER [LOCALE]` creates a mailbox (the store is created when missing).
 * `sambex store gc URL [GRACE_SECONDS]` removes unreferenced blob files older than the grace
 * period (default one hour), safely beside running servers.
 */
#include <inttypes.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "mapi_status.h"
#include "mapistore.h"
#include "sambex_commands.h"
#include "sql_backend.h"

static int store_usage(const char *cmd)
{
	fprintf(stderr, "usage: sambex %s URL   (sqlite:///dir or mariadb://user:pw@host/db?socket=/path)\n", cmd);
	return SAMBEX_EXIT_USAGE;
}

/* Opens the store at url with every backend this build has, or prints why not. */
static struct mapistore *store_open(TALLOC_CTX *mem_ctx, const char *cmd, const char *url)
{
	struct mapistore *store = NULL;
	uint32_t status = sql_backend_register();
	if (status == MAPI_E_SUCCESS)
		status = mapistore_open(mem_ctx, url, &store);
	if (status != MAPI_E_SUCCESS) {
		char buf[MAPI_STATUS_STRING_SIZE];
		fprintf(stderr, "sambex %s: cannot open %s: %s\n", cmd, url, mapi_status_string(status, buf));
		return NULL;
	}
	return store;
}

static int sambex_store_check(TALLOC_CTX *mem_ctx, int argc, char **argv)
{
	if (argc != 2)
		return store_usage("store check");
	struct mapistore *store = store_open(mem_ctx, "store check", argv[1]);
	if (store == NULL)
		return SAMBEX_EXIT_FAILED;
	struct mapistore_check_report r;
	uint32_t status = mapistore_check(mem_ctx, store, &r);
	if (status != MAPI_E_SUCCESS) {
		char buf[MAPI_STATUS_STRING_SIZE];
		fprintf(stderr, "sambex store check: %s\n", mapi_status_string(status, buf));
		return SAMBEX_EXIT_FAILED;
	}
	for (uint32_t i = 0; i < r.line_count; i++)
		printf("%s\n", r.lines[i]);
	for (uint32_t i = 0; i < r.backend.message_count; i++)
		printf("%s\n", r.backend.messages[i]);
	printf("mailboxes %" PRIu64 ", objects %" PRIu64 ", blobs %" PRIu64 " (%" PRIu64
	       " orphan files reclaimable): %" PRIu64 " problems\n",
	       r.mailboxes, r.objects, r.backend.blobs_checked, r.backend.orphan_blobs, r.errors);
	return r.errors == 0 ? SAMBEX_EXIT_OK : SAMBEX_EXIT_FAILED;
}

static int sambex_store_stats(TALLOC_CTX *mem_ctx, int argc, char **argv)
{
	if (argc != 2)
		return store_usage("store stats");
	struct mapistore *store = store_open(mem_ctx, "store stats", argv[1]);
	if (store == NULL)
		return SAMBEX_EXIT_FAILED;
	struct mapistore_backend_stats s;
	uint32_t status = mapistore_vfuncs(store)->stats(mapistore_backend(store), &s);
	if (status != MAPI_E_SUCCESS) {
		char buf[MAPI_STATUS_STRING_SIZE];
		fprintf(stderr, "sambex store stats: %s\n", mapi_status_string(status, buf));
		return SAMBEX_EXIT_FAILED;
	}
	printf("mailboxes %" PRIu64 "\nfolders %" PRIu64 "\nmessages %" PRIu64 "\nattachments %" PRIu64
	       "\nproperties %" PRIu64 "\nblobs %" PRIu64 "\nblob_bytes_raw %" PRIu64 "\nblob_bytes_compressed %" PRIu64
	       "\n", s.mailboxes, s.folders, s.messages, s.attachments, s.properties, s.blobs, s.blob_bytes_raw,
	       s.blob_bytes_stored);
	return SAMBEX_EXIT_OK;
}

/* `sambex store mailbox URL OWNER [LOCALE]`: creates a mailbox with the standard folders. */
static int sambex_store_mailbox(TALLOC_CTX *mem_ctx, int argc, char **argv)
{
	if (argc != 3 && argc != 4) {
		fprintf(stderr, "usage: sambex store mailbox URL OWNER [en|fr|de]\n");
		return SAMBEX_EXIT_USAGE;
	}
	struct mapistore *store = store_open(mem_ctx, "store mailbox", argv[1]);
	if (store == NULL)
		return SAMBEX_EXIT_FAILED;
	struct mapistore_mailbox *mbox;
	uint32_t status = mapistore_mailbox_create(mem_ctx, store, argv[2], argc == 4 ? argv[3] : NULL, &mbox);
	if (status != MAPI_E_SUCCESS) {
		char buf[MAPI_STATUS_STRING_SIZE];
		fprintf(stderr, "sambex store mailbox: %s: %s\n", argv[2], mapi_status_string(status, buf));
		return SAMBEX_EXIT_FAILED;
	}
	printf("mailbox %s created\n", argv[2]);
	return SAMBEX_EXIT_OK;
}

/* Default grace: far longer than any single write of a blob takes. */
#define STORE_GC_GRACE_DEFAULT 3600U

/* `sambex store gc URL [GRACE_SECONDS]`: blob garbage collection. */
static int sambex_store_gc(TALLOC_CTX *mem_ctx, int argc, char **argv)
{
	if (argc != 2 && argc != 3) {
		fprintf(stderr, "usage: sambex store gc URL [GRACE_SECONDS]   (default %u)\n", STORE_GC_GRACE_DEFAULT);
		return SAMBEX_EXIT_USAGE;
	}
	unsigned long grace = STORE_GC_GRACE_DEFAULT;
	if (argc == 3) {
		char *end;
		grace = strtoul(argv[2], &end, 10);
		if (argv[2][0] < '0' || argv[2][0] > '9' || *end != '\0' || grace > UINT32_MAX) {
			fprintf(stderr, "sambex store gc: bad grace period %s (seconds)\n", argv[2]);
			return SAMBEX_EXIT_USAGE;
		}
	}
	struct mapistore *store = store_open(mem_ctx, "store gc", argv[1]);
	if (store == NULL)
		return SAMBEX_EXIT_FAILED;
	struct mapistore_backend_gc r;
	uint32_t status = mapistore_gc(store, (uint32_t)grace, &r);
	if (status != MAPI_E_SUCCESS) {
		char buf[MAPI_STATUS_STRING_SIZE];
		fprintf(stderr, "sambex store gc: %s\n", mapi_status_string(status, buf));
		return SAMBEX_EXIT_FAILED;
	}
	printf("removed %" PRIu64 " blob files (%" PRIu64 " bytes), %" PRIu64 " blob rows, %" PRIu64
	       " temporary files; kept %" PRIu64 " younger than %lu s\n", r.blobs_removed, r.bytes_removed,
	       r.rows_removed, r.temp_removed, r.kept_young, grace);
	return SAMBEX_EXIT_OK;
}

/* `sambex store check|stats|mailbox|gc URL ...`: the family's entry point, in sambex.c's command table. */
int sambex_store(TALLOC_CTX *mem_ctx, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "check") == 0)
		return sambex_store_check(mem_ctx, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "stats") == 0)
		return sambex_store_stats(mem_ctx, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "mailbox") == 0)
		return sambex_store_mailbox(mem_ctx, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "gc") == 0)
		return sambex_store_gc(mem_ctx, argc - 1, argv + 1);
	fprintf(stderr, "usage: sambex store check URL | stats URL | mailbox URL OWNER [LOCALE] | gc URL [GRACE]\n");
	return SAMBEX_EXIT_USAGE;
}
