/*
 * Golden vectors for mapistore: ids.tsv (Folder/Message ID wire bytes <-> REPLID and GLOBCNT),
 * longterm.tsv (LongTermID <-> ID through a REPLID table), pcl.tsv (PidTagPredecessorChangeList
 * bytes -> status and canonical bytes). Each row is one TAP test. Argument: the directory.
 */
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "mapi_status.h"
#include "mapistore_id.h"
#include "mapistore_pcl.h"
#include "tap.h"

static void ids_row(TALLOC_CTX *mem_ctx, char **f, size_t n, unsigned line)
{
	size_t len = 0;
	uint8_t *wire = test_hex_decode(mem_ctx, f[0], &len), back[8];
	uint16_t replid = (uint16_t)strtoul(f[1], NULL, 16);
	uint64_t globcnt = strtoull(f[2], NULL, 16), id = 0, made = 0;
	bool ok = wire != NULL && len == 8;

	if (ok) {
		id = mapistore_id_from_wire(wire);
		ok = mapistore_id_replid(id) == replid && mapistore_id_globcnt(id) == globcnt;
		ok = ok && mapistore_id_make(replid, globcnt, &made) == MAPI_E_SUCCESS && made == id;
		mapistore_id_to_wire(made, back);
		ok = ok && memcmp(back, wire, 8) == 0;
	}
	tap_ok(ok, "ids.tsv:%u %s", line, f[3]);
}

/* A table whose REPLID `replid` is `guid` (fillers take the REPLIDs below it). */
static struct mapistore_id_repl_table *table_with(TALLOC_CTX *mem_ctx, const struct GUID *guid,
						  uint16_t replid)
{
	uint8_t w[16] = {0xF1, 0x11};
	struct mapistore_id_repl_table *t;
	struct GUID filler;
	uint16_t got = 1;

	mapi_guid_from_wire(w, &filler);
	t = mapistore_id_repl_table_new(mem_ctx, replid == 1 ? guid : &filler);
	for (uint16_t r = 2; t != NULL && r < replid; r++) {
		w[2] = (uint8_t)r;
		mapi_guid_from_wire(w, &filler);
		mapistore_id_repl_register(t, &filler, &got);
	}
	if (t != NULL && replid > 1 && (mapistore_id_repl_register(t, guid, &got) != MAPI_E_SUCCESS ||
					got != replid)) {
		return NULL;
	}
	return t;
}

static void longterm_row(TALLOC_CTX *mem_ctx, char **f, size_t n, unsigned line)
{
	size_t lt_len = 0, id_len = 0;
	uint8_t *lt = test_hex_decode(mem_ctx, f[0], &lt_len), *idw = test_hex_decode(mem_ctx, f[2], &id_len);
	uint8_t back[MAPISTORE_ID_LONG_TERM_SIZE];
	struct mapistore_id_repl_table *t = NULL;
	struct mapistore_id_gid gid, gid2;
	uint64_t id = 0;
	bool ok = lt != NULL && idw != NULL && id_len == 8 &&
		  mapistore_id_long_term_from_wire(lt, lt_len, &gid) == MAPI_E_SUCCESS;

	if (ok) {
		t = table_with(mem_ctx, &gid.guid, (uint16_t)strtoul(f[1], NULL, 16));
		ok = t != NULL && mapistore_id_from_gid(t, &gid, false, &id) == MAPI_E_SUCCESS &&
		     id == mapistore_id_from_wire(idw);
	}
	if (ok) {
		ok = mapistore_id_to_gid(t, mapistore_id_from_wire(idw), &gid2) == MAPI_E_SUCCESS;
		mapistore_id_long_term_to_wire(&gid2, back);
		ok = ok && memcmp(back, lt, sizeof(back)) == 0;
	}
	tap_ok(ok, "longterm.tsv:%u %s", line, f[3]);
}

static void pcl_row(TALLOC_CTX *mem_ctx, char **f, size_t n, unsigned line)
{
	size_t in_len = 0, want_len = 0, out_len = 0;
	uint8_t *in = test_hex_decode(mem_ctx, f[0], &in_len), *want = test_hex_decode(mem_ctx, f[2], &want_len);
	uint8_t *out = NULL;
	struct mapistore_pcl *pcl = NULL, *again = NULL;
	uint32_t status, expected;
	bool ok = (in != NULL || in_len == 0) && mapi_status_from_name(f[1], &expected);

	if (ok) {
		status = mapistore_pcl_parse(mem_ctx, in, in_len, &pcl);
		ok = status == expected;
		if (!ok) {
			tap_diag("pcl.tsv:%u got 0x%08x want 0x%08x", line, status, expected);
		}
	}
	if (ok && expected == MAPI_E_SUCCESS) {
		ok = mapistore_pcl_serialize(mem_ctx, pcl, &out, &out_len) == MAPI_E_SUCCESS &&
		     out_len == want_len && (want_len == 0 || memcmp(out, want, want_len) == 0) &&
		     mapistore_pcl_parse(mem_ctx, out, out_len, &again) == MAPI_E_SUCCESS &&
		     mapistore_pcl_equal(pcl, again);
	}
	tap_ok(ok, "pcl.tsv:%u %s", line, f[3]);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";

	test_tsv_each_row(dir, "ids.tsv", 4, 4, ids_row);
	test_tsv_each_row(dir, "longterm.tsv", 4, 4, longterm_row);
	test_tsv_each_row(dir, "pcl.tsv", 4, 4, pcl_row);
	return tap_done();
}
