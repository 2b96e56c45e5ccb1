/*
 * Benchmark of the generated NDR codecs: pull + push of a 1,000-row NspiQueryRows reply
 * (MS-OXNSPI 3.1.4.1.8) of the kind a GAL download produces, against memcpy of the same bytes
 * in the same run.
 */
#include <stdio.h>
#include <string.h>

#include "bench.h"
#include "nspi.h"

#define ROWS 1000
#define ROUNDS 200

static double throughput(double bytes, double seconds)
{
	return bytes / seconds / (1024.0 * 1024.0);
}

/* One row: display name, SMTP address, account (8-bit), display type, entry id, object type. */
static void fill_row(TALLOC_CTX *mem_ctx, struct nspi_PropertyRow_r *row, unsigned i)
{
	struct nspi_PropertyValue_r *v = talloc_zero_array(mem_ctx, struct nspi_PropertyValue_r, 6);
	uint8_t *eid = talloc_zero_array(mem_ctx, uint8_t, 28);

	row->cValues = 6;
	row->lpProps = v;
	v[0].ulPropTag = 0x3001001f;
	v[0].Value.lpszW = talloc_asprintf(mem_ctx, "User %04u M\xc3\xbcller-Garc\xc3\xad" "a", i);
	v[1].ulPropTag = 0x39fe001f;
	v[1].Value.lpszW = talloc_asprintf(mem_ctx, "user%04u@example.test", i);
	v[2].ulPropTag = 0x3a00001e;
	v[2].Value.lpszA = talloc_asprintf(mem_ctx, "user%04u", i);
	v[3].ulPropTag = 0x39000003;
	v[3].Value.l = 0;
	v[4].ulPropTag = 0x0fff0102;
	v[4].Value.bin.cb = 28;
	v[4].Value.bin.lpb = eid;
	memcpy(eid + 4, "\xdc\xa7\x40\xc8\xc0\x42\x10\x1a\xb4\xb9\x08\x00\x2b\x2f\xe1\x82", 16);
	eid[24] = (uint8_t)i;
	v[5].ulPropTag = 0x0ffe0003;
	v[5].Value.l = 6;
}

static DATA_BLOB make_reply(TALLOC_CTX *mem_ctx)
{
	struct NspiQueryRows r;
	struct nspi_STAT stat = { .CodePage = 1252, .TemplateLocale = 0x409, .SortLocale = 0x409 };
	struct nspi_PropertyRowSet_r *set = talloc_zero(mem_ctx, struct nspi_PropertyRowSet_r);
	struct ndr_push *push = ndr_push_init_ctx(mem_ctx);

	set->cRows = ROWS;
	set->aRow = talloc_zero_array(mem_ctx, struct nspi_PropertyRow_r, ROWS);
	for (unsigned i = 0; i < ROWS; i++) {
		fill_row(mem_ctx, &set->aRow[i], i);
	}
	memset(&r, 0, sizeof(r));
	r.out.pStat = &stat;
	r.out.ppRows = &set;
	if (ndr_push_NspiQueryRows(push, NDR_OUT, &r) != NDR_ERR_SUCCESS) {
		fprintf(stderr, "bench_ndr: cannot build the reply\n");
		return data_blob_null;
	}
	return ndr_push_blob(push);
}

static struct NspiQueryRows *pull_reply(TALLOC_CTX *mem_ctx, DATA_BLOB *blob)
{
	struct ndr_pull *pull = ndr_pull_init_blob(blob, mem_ctx);
	struct NspiQueryRows *r = talloc_zero(mem_ctx, struct NspiQueryRows);

	pull->flags |= LIBNDR_FLAG_REF_ALLOC;
	if (ndr_pull_NspiQueryRows(pull, NDR_OUT, r) != NDR_ERR_SUCCESS) {
		return NULL;
	}
	return r;
}

int main(void)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	DATA_BLOB blob = make_reply(mem_ctx);
	uint8_t *copy = talloc_array(mem_ctx, uint8_t, blob.length);
	double t0, memcpy_mbs, pull_mbs, push_mbs, both_mbs, pull_s = 0, push_s = 0;

	if (blob.length == 0) {
		return 1;
	}
	t0 = bench_now();
	for (int i = 0; i < ROUNDS * 50; i++) {
		memcpy(copy, blob.data, blob.length);
		bench_consume(copy);
	}
	memcpy_mbs = throughput((double)blob.length * ROUNDS * 50, bench_now() - t0);

	for (int i = 0; i < ROUNDS; i++) {
		TALLOC_CTX *round = talloc_new(mem_ctx);
		struct NspiQueryRows *r;
		struct ndr_push *push;
		double t1;

		t0 = bench_now();
		r = pull_reply(round, &blob);
		t1 = bench_now();
		push = ndr_push_init_ctx(round);
		if (r == NULL || ndr_push_NspiQueryRows(push, NDR_OUT, r) != NDR_ERR_SUCCESS ||
		    push->offset != blob.length) {
			fprintf(stderr, "bench_ndr: round trip failed\n");
			return 1;
		}
		push_s += bench_now() - t1;
		pull_s += t1 - t0;
		bench_consume(push->data);
		talloc_free(round);
	}
	pull_mbs = throughput((double)blob.length * ROUNDS, pull_s);
	push_mbs = throughput((double)blob.length * ROUNDS, push_s);
	both_mbs = throughput((double)blob.length * ROUNDS, pull_s + push_s);

	bench_report("ndr.queryrows_1000.bytes", (double)blob.length, "B");
	bench_report("ndr.memcpy", memcpy_mbs, "MB/s");
	bench_report("ndr.queryrows_1000.pull", pull_mbs, "MB/s");
	bench_report("ndr.queryrows_1000.push", push_mbs, "MB/s");
	bench_report("ndr.queryrows_1000.pull_push", both_mbs, "MB/s");
	bench_ratio("ndr.queryrows_1000.pull_push_vs_memcpy", both_mbs, memcpy_mbs);
	bench_report("ndr.queryrows_1000.pull_push_time", (pull_s + push_s) / ROUNDS * 1e3, "ms");
	talloc_free(mem_ctx);
	return 0;
}
