/*
 * Golden vectors for entry IDs and RecipientRows (entryid.tsv): permanent address-book entry
 * IDs (MS-OXCDATA 2.2.5.2), a Store Object EntryID (2.2.4.3) and a RecipientRow (2.8.3) cut out
 * of the section 4 dumps of MS-OXCPERM, MS-OXCMSG, MS-OXCNOTIF and MS-OXORULE. Each row decodes
 * to the documented fields (compared as text), re-encodes byte for byte and refuses every
 * truncation. Argument: the directory holding the file.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hex.h"
#include "mapi_entryid.h"
#include "mapi_recipientrow.h"
#include "tap.h"

/* "0x0E1D001F,0x..." */
static struct mapi_proptag_array *parse_tags(TALLOC_CTX *mem_ctx, const char *text)
{
	struct mapi_proptag_array *a = talloc_zero(mem_ctx, struct mapi_proptag_array);
	char *copy = talloc_strdup(mem_ctx, text), *save = NULL;

	a->tags = talloc_array(mem_ctx, uint32_t, 64);
	for (char *t = strtok_r(copy, ",", &save); t && strcmp(t, "-") && a->count < 64;
	     t = strtok_r(NULL, ",", &save)) {
		a->tags[a->count++] = (uint32_t)strtoul(t, NULL, 16);
	}
	return a;
}

static const char *opt(const char *s)
{
	return s != NULL ? s : "(none)";
}

/* Decodes b as kind; on success *desc describes it and *again holds its re-encoding. */
static uint32_t decode(TALLOC_CTX *ctx, const char *kind, const struct mapi_proptag_array *cols,
		       const uint8_t *b, size_t len, char **desc, struct mapi_propval_writer *again)
{
	uint32_t st = ecRpcFormat;

	mapi_propval_writer_init(again, ctx, MAPI_PROPVAL_ROP, NULL);
	if (strcmp(kind, "ab") == 0) {
		struct mapi_ab_entryid e;

		st = mapi_entryid_pull_ab(ctx, b, len, &e);
		if (st == 0) {
			*desc = talloc_asprintf(ctx, "display_type=%" PRIu32 " dn=%s",
						e.display_type, e.dn);
			st = mapi_entryid_push_ab(again, &e);
		}
	} else if (strcmp(kind, "store") == 0) {
		struct mapi_store_entryid e;

		st = mapi_entryid_pull_store(ctx, b, len, &e);
		if (st == 0) {
			*desc = talloc_asprintf(ctx, "wrapped_uid=%s wrapped_type=0x%08" PRIX32
				" server=%s mailbox_dn=%s extra=%" PRIu32,
				test_hex_encode(ctx, e.wrapped_provider_uid, 16), e.wrapped_type,
				e.server_shortname, opt(e.mailbox_dn), e.extra.length);
			st = mapi_entryid_push_store(again, &e);
		}
	} else if (strcmp(kind, "recipientrow") == 0) {
		struct mapi_propval_reader r;
		struct mapi_recipientrow row;

		mapi_propval_reader_init(&r, b, len, MAPI_PROPVAL_ROP, NULL);
		st = mapi_recipientrow_pull(ctx, &r, cols, &row);
		if (st == 0 && r.off != len) {
			st = ecRpcFormat;	/* the row must fill its RecipientRowSize */
		}
		if (st == 0) {
			*desc = talloc_asprintf(ctx, "flags=0x%04X prefix=%u display_type=%u "
				"x500_dn=%s display_name=%s simple_display_name=%s columns=%u "
				"row_flag=%u", row.flags, row.address_prefix_used,
				row.display_type, opt(row.x500_dn), opt(row.display_name),
				opt(row.simple_display_name), row.column_count,
				row.properties.flag);
			st = mapi_recipientrow_push(again, cols, &row);
		}
	}
	return st;
}

static void entryid_row(TALLOC_CTX *ctx, char **f, size_t n, unsigned line)
{
	const struct mapi_proptag_array *cols = parse_tags(ctx, f[3]);
	struct mapi_propval_writer again;
	size_t len, cut;
	uint8_t *b = test_hex_decode(ctx, f[4], &len);
	char *desc = NULL;
	uint32_t st;

	if (!tap_ok(b != NULL, "entryid.tsv:%u %s: bytes", line, f[0])) {
		return;
	}
	st = decode(ctx, f[2], cols, b, len, &desc, &again);
	if (!tap_ok(st == 0, "entryid.tsv:%u %s: decodes (0x%08" PRIx32 ")", line, f[0], st)) {
		return;
	}
	if (!tap_ok(strcmp(desc, f[5]) == 0, "entryid.tsv:%u %s: fields", line, f[0])) {
		printf("# got  %s\n# want %s\n", desc, f[5]);
	}
	tap_ok(again.len == len && memcmp(again.data, b, len) == 0,
	       "entryid.tsv:%u %s: re-encodes byte for byte", line, f[0]);
	for (cut = 0; cut < len; cut++) {
		char *d2;
		struct mapi_propval_writer w2;

		if (decode(ctx, f[2], cols, b, cut, &d2, &w2) == 0) {
			break;
		}
	}
	tap_ok(cut == len, "entryid.tsv:%u %s: all %zu truncations refused", line, f[0], len);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";

	test_tsv_each_row(dir, "entryid.tsv", 6, 6, entryid_row);
	return tap_done();
}
