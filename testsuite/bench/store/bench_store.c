/*
 * bench_store.c — the store's benchmark (issue 9): message create and read rates with 1 KB and
 * 1 MB bodies through mapistore, against raw SQLite inserts and reads of the same bytes (WAL,
 * synchronous=FULL, one transaction per message, as the SQL backend) in the same run; then a
 * contents table of 100,000 messages sorted by delivery time, read with QueryRows.
 *
 * Engine: SQLite by default; STORE_TEST_ENGINE=mariadb with STORE_TEST_SOCKET (with_mariadb.sh
 * starts a private server) for the MariaDB figures. BENCH_STORE_ROWS changes the table size.
 */
#define _XOPEN_SOURCE 700
#include <ftw.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mapistore_view.h"
#include "bench.h"
#include "bench_store_bulk.h"
#include "mapi_props.h"
#include "sql_backend.h"

struct run {
	TALLOC_CTX *mem;
	const char *engine;
	struct mapistore_mailbox *mbox;
	uint64_t inbox;
	sqlite3 *raw;
};

static void report(const struct run *r, const char *what, double value, const char *unit)
{
	char name[96];
	snprintf(name, sizeof(name), "store.%s.%s", r->engine, what);
	bench_report(name, value, unit);
}

static void ratio(const struct run *r, const char *what, double value, double baseline)
{
	char name[96];
	snprintf(name, sizeof(name), "store.%s.%s_vs_raw_sqlite", r->engine, what);
	bench_ratio(name, value, baseline);
}

/* Text-like bytes (letters and spaces): what a body holds, compressible as bodies are. */
static uint8_t *body_bytes(TALLOC_CTX *mem_ctx, uint32_t size)
{
	uint8_t *b = talloc_size(mem_ctx, size);
	uint64_t s = 42;
	for (uint32_t i = 0; b != NULL && i < size; i++) {
		s = s * 6364136223846793005ULL + 1442695040888963407ULL;
		uint32_t k = (uint32_t)(s >> 33) % 28;
		b[i] = k < 26 ? (uint8_t)('a' + k) : ' ';
	}
	return b;
}

static bool raw_exec(sqlite3 *db, const char *sql)
{
	return sqlite3_exec(db, sql, NULL, NULL, NULL) == SQLITE_OK;
}

/* Raw SQLite: n inserts of body (one autocommit transaction each), then n reads; rates in *_r. */
static bool raw_rates(sqlite3 *db, const uint8_t *body, uint32_t size, uint32_t n, double *insert_r,
		      double *read_r)
{
	sqlite3_stmt *ins, *sel;
	if (!raw_exec(db, "DELETE FROM m") ||
	    sqlite3_prepare_v2(db, "INSERT INTO m (id, body) VALUES (?, ?)", -1, &ins, NULL) != SQLITE_OK)
		return false;
	bool ok = sqlite3_prepare_v2(db, "SELECT body FROM m WHERE id = ?", -1, &sel, NULL) == SQLITE_OK;
	double t0 = bench_now();
	for (uint32_t i = 0; ok && i < n; i++) {
		sqlite3_bind_int64(ins, 1, i + 1);
		sqlite3_bind_blob(ins, 2, body, (int)size, SQLITE_STATIC);
		ok = sqlite3_step(ins) == SQLITE_DONE;
		sqlite3_reset(ins);
	}
	double t1 = bench_now();
	for (uint32_t i = 0; ok && i < n; i++) {
		sqlite3_bind_int64(sel, 1, i + 1);
		ok = sqlite3_step(sel) == SQLITE_ROW && sqlite3_column_bytes(sel, 0) == (int)size;
		void *copy = malloc(size);
		if (ok && copy != NULL)
			memcpy(copy, sqlite3_column_blob(sel, 0), size);
		bench_consume(copy);
		free(copy);
		sqlite3_reset(sel);
	}
	double t2 = bench_now();
	sqlite3_finalize(ins);
	sqlite3_finalize(sel);
	*insert_r = n / (t1 - t0);
	*read_r = n / (t2 - t1);
	return ok;
}

/* mapistore: n messages with body as PidTagHtml (bytes as given), then n reads of it. */
static bool store_rates(struct run *r, const uint8_t *body, uint32_t size, uint32_t n, double *create_r,
			double *read_r)
{
	uint64_t *mids = talloc_array(r->mem, uint64_t, n);
	struct mapi_propval pv[2] = { { .tag = PidTagHtml, .flag = MAPI_PROPVAL_FLAG_VALUE },
				      { .tag = PidTagSubject, .flag = MAPI_PROPVAL_FLAG_VALUE } };
	pv[0].v.bin = (struct mapi_binary){ .length = size, .data = discard_const_p(uint8_t, body) };
	pv[1].v.str = discard_const_p(char, "benchmark");
	bool ok = mids != NULL;
	double t0 = bench_now();
	for (uint32_t i = 0; ok && i < n; i++) {
		struct mapistore_object *msg;
		ok = mapistore_message_create(r->mem, r->mbox, r->inbox, false, &msg) == MAPI_E_SUCCESS &&
		     mapistore_object_set_props(msg, pv, 2) == MAPI_E_SUCCESS &&
		     mapistore_object_save(msg) == MAPI_E_SUCCESS;
		mids[i] = ok ? mapistore_object_id(msg) : 0;
		talloc_free(msg);
	}
	double t1 = bench_now();
	uint32_t tag = PidTagHtml;
	for (uint32_t i = 0; ok && i < n; i++) {
		struct mapi_propval *v;
		ok = mapistore_props_get(r->mem, r->mbox, mids[i], &tag, 1, &v) == MAPI_E_SUCCESS &&
		     v->flag == MAPI_PROPVAL_FLAG_VALUE && v->v.bin.length == size;
		bench_consume(v);
		talloc_free(v);
	}
	double t2 = bench_now();
	talloc_free(mids);
	*create_r = n / (t1 - t0);
	*read_r = n / (t2 - t1);
	return ok;
}

static bool body_figures(struct run *r, const char *label, uint32_t size, uint32_t n)
{
	uint8_t *body = body_bytes(r->mem, size);
	double raw_ins, raw_read, st_create, st_read;
	if (body == NULL || !raw_rates(r->raw, body, size, n, &raw_ins, &raw_read) ||
	    !store_rates(r, body, size, n, &st_create, &st_read)) {
		printf("store.%s.%s FAILED\n", r->engine, label);
		return false;
	}
	char what[64];
	snprintf(what, sizeof(what), "raw_sqlite.insert_%s", label);
	report(r, what, raw_ins, "msg/s");
	snprintf(what, sizeof(what), "raw_sqlite.read_%s", label);
	report(r, what, raw_read, "msg/s");
	snprintf(what, sizeof(what), "create_%s", label);
	report(r, what, st_create, "msg/s");
	ratio(r, what, st_create, raw_ins);
	snprintf(what, sizeof(what), "read_%s", label);
	report(r, what, st_read, "msg/s");
	ratio(r, what, st_read, raw_read);
	talloc_free(body);
	return true;
}

/* MS-OXCTABL 3.2.5.5: a contents table of rows messages sorted by delivery time, read 100 at a time. */
static bool table_figures(struct run *r, uint32_t rows)
{
	uint64_t fid;
	if (mapistore_folder_create(r->mbox, r->inbox, "Bulk", MAPISTORE_FOLDER_GENERIC, &fid) != MAPI_E_SUCCESS)
		return false;
	double t0 = bench_now();
	if (bench_store_bulk_messages(r->mbox, fid, rows, 7) != MAPI_E_SUCCESS)
		return false;
	double t1 = bench_now();
	report(r, "bulk_create_100k", t1 - t0, "s");
	struct mapistore_view *view;
	const uint32_t cols[3] = { PidTagMid, PidTagSubject, PidTagMessageDeliveryTime };
	struct mapi_sortorder so = { .prop_tag = PidTagMessageDeliveryTime, .order = MAPI_SORT_DESCENDING };
	struct mapi_sortorder_set set = { .count = 1, .sorts = &so };
	bool ok = mapistore_view_open(r->mem, r->mbox, fid, MAPISTORE_VIEW_CONTENTS, 0, &view) == MAPI_E_SUCCESS &&
		  mapistore_view_set_columns(view, cols, 3) == MAPI_E_SUCCESS &&
		  mapistore_view_sort(view, &set) == MAPI_E_SUCCESS && mapistore_view_row_count(view) == rows;
	double t2 = bench_now();
	uint32_t got = 0;
	uint64_t last = UINT64_MAX;
	while (ok) {
		TALLOC_CTX *tmp = talloc_new(r->mem);
		struct mapi_proprow_set out;
		uint8_t origin;
		ok = mapistore_view_query_rows(tmp, view, true, true, 100, &origin, &out) == MAPI_E_SUCCESS;
		for (uint16_t i = 0; ok && i < out.count; i++) {
			uint64_t t = out.rows[i].values[2].v.time;
			ok = t <= last;
			last = t;
		}
		got += ok ? out.count : 0;
		talloc_free(tmp);
		if (out.count == 0 || origin == MAPISTORE_BOOKMARK_END)
			break;
	}
	double t3 = bench_now();
	ok = ok && got == rows;
	if (!ok) {
		printf("store.%s.contents_table FAILED (%u rows read)\n", r->engine, got);
		return false;
	}
	report(r, "contents_load_sort_100k", t2 - t1, "s");
	report(r, "contents_query_rows_100k", t3 - t2, "s");
	report(r, "contents_query_rows_rate", rows / (t3 - t2), "rows/s");
	talloc_free(view);
	return true;
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static bool open_raw(struct run *r, const char *dir)
{
	char *path = talloc_asprintf(r->mem, "%s/raw.db", dir);
	// The SQL backend's durability: WAL, fsync at every commit (synchronous=FULL).
	return path != NULL && sqlite3_open(path, &r->raw) == SQLITE_OK &&
	       raw_exec(r->raw, "PRAGMA journal_mode=WAL") && raw_exec(r->raw, "PRAGMA synchronous=FULL") &&
	       raw_exec(r->raw, "CREATE TABLE m (id INTEGER PRIMARY KEY, body BLOB)");
}

int main(void)
{
	const char *engine = getenv("STORE_TEST_ENGINE"), *rows_s = getenv("BENCH_STORE_ROWS");
	const char *base = getenv("STORE_TEST_DIR");
	bool mariadb = engine != NULL && strcmp(engine, "mariadb") == 0;
	uint32_t rows = rows_s != NULL ? (uint32_t)strtoul(rows_s, NULL, 10) : 100000;
	struct run r = { .mem = talloc_new(NULL), .engine = mariadb ? "mariadb" : "sqlite" };
	char *dir = talloc_asprintf(r.mem, "%s/bench-store-XXXXXX", base != NULL ? base : "/tmp");
	if (dir == NULL || mkdtemp(dir) == NULL)
		return 1;
	char *url = mariadb ? talloc_asprintf(r.mem, "mariadb://root@/bench%d?socket=%s&blobs=%s/blobs",
					      (int)getpid(), getenv("STORE_TEST_SOCKET"), dir)
			    : talloc_asprintf(r.mem, "sqlite://%s/store", dir);
	struct mapistore *store;
	bool ok = open_raw(&r, dir) && sql_backend_register() == MAPI_E_SUCCESS &&
		  mapistore_open(r.mem, url, &store) == MAPI_E_SUCCESS &&
		  mapistore_mailbox_create(r.mem, store, "bench", "en", &r.mbox) == MAPI_E_SUCCESS;
	if (!ok) {
		printf("store.%s SKIP: cannot open %s\n", r.engine, url);
	} else {
		r.inbox = mapistore_mailbox_special(r.mbox, MAPISTORE_INBOX);
		ok = body_figures(&r, "1k", 1024, 300) && body_figures(&r, "1m", 1024 * 1024, 30) &&
		     table_figures(&r, rows);
	}
	sqlite3_close(r.raw);
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	talloc_free(r.mem);
	return ok ? 0 : 1;
}
