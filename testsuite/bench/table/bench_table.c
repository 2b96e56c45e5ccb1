/*
 * Benchmark for the table engine (mapistore/table): 100,000 synthetic message rows
 * (PidTagMessageDeliveryTime, PidTagSubject, PidTagMessageSize, PidTagRead), loaded into a table,
 * sorted by delivery time descending (MS-OXCTABL 4.3) and read 50 rows at a time (4.4) to the end.
 * Reports rows/s for load+sort+read and the ratio of that time to a plain qsort of the same
 * 100,000 timestamps measured in the same run. Each figure is the best of RUNS runs, so that a
 * busy machine disturbs the ratio less.
 */
#include <stdlib.h>
#include <string.h>

#include "bench.h"
#include "mapistore_table.h"

#define ROWS 100000
#define BATCH 50
#define RUNS 5
#define T_DELIVERY 0x0E060040U
#define T_SUBJECT 0x0037001FU
#define T_SIZE 0x0E080003U
#define T_READ 0x0E69000BU
#define T_MID 0x674A0014U

/* A fixed-seed linear congruential generator (Knuth's MMIX constants): same rows every run. */
static uint64_t lcg_state = 1;

static uint32_t rng(void)
{
	lcg_state = lcg_state * UINT64_C(6364136223846793005) + UINT64_C(1442695040888963407);
	return (uint32_t)(lcg_state >> 32);
}

static int cmp_desc(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return (x < y) - (x > y);
}

static const char *const words[] = { "Meeting", "Report", "RE:", "FW:", "Lunch", "Budget",
				     "Quarterly", "Project", "Update", "Invitation" };

/* Loads, sorts and reads the whole table; returns the seconds taken, or -1 on a failure. */
static double load_sort_query(TALLOC_CTX *ctx, struct mapistore_row **rows,
			      const struct mapi_sortorder_set *set)
{
	const uint32_t cols[] = { T_MID, T_DELIVERY, T_SUBJECT, T_SIZE, T_READ };
	struct mapistore_table *t = mapistore_table_new(ctx);
	struct mapi_proprow_set out;
	uint64_t seen = 0, prev = UINT64_MAX;
	double start = bench_now(), took;
	uint8_t origin;

	if (t == NULL || mapistore_table_load(t, rows, ROWS) != 0 ||
	    mapistore_table_set_columns(t, cols, 5) != 0 || mapistore_table_sort(t, set) != 0)
		return -1;
	do {
		TALLOC_CTX *batch = talloc_new(ctx);

		if (mapistore_table_query_rows(batch, t, true, true, BATCH, &origin, &out) != 0)
			return -1;
		for (uint16_t i = 0; i < out.count; i++) {
			/* Check the order as we go: descending delivery times. */
			if (out.rows[i].values[1].v.time > prev)
				return -1;
			prev = out.rows[i].values[1].v.time;
		}
		seen += out.count;
		talloc_free(batch);
	} while (out.count > 0);
	took = bench_now() - start;
	talloc_free(t);
	return seen == ROWS ? took : -1;
}

int main(void)
{
	TALLOC_CTX *ctx = talloc_new(NULL);
	struct mapistore_row **rows = talloc_array(ctx, struct mapistore_row *, ROWS);
	uint64_t *times = talloc_array(ctx, uint64_t, ROWS);
	struct mapi_sortorder so = { T_DELIVERY, MAPI_SORT_DESCENDING };
	struct mapi_sortorder_set set = { .count = 1, .sorts = &so };
	double start, table_s, qsort_s;

	for (uint32_t i = 0; i < ROWS; i++) {
		struct mapistore_row *r = talloc_zero(rows, struct mapistore_row);

		r->id = i + 1;
		r->count = 5;
		r->props = talloc_array(r, struct mapi_propval, 5);
		times[i] = UINT64_C(0x01D0000000000000) + ((uint64_t)rng() << 16) + (rng() & 0xFFFF);
		r->props[0] = (struct mapi_propval){ .tag = T_MID, .v.i64 = (int64_t)(i + 1) };
		r->props[1] = (struct mapi_propval){ .tag = T_DELIVERY, .v.time = times[i] };
		r->props[2] = (struct mapi_propval){ .tag = T_SUBJECT };
		r->props[2].v.str = talloc_asprintf(r, "%s %s %u", words[rng() % 10],
						    words[rng() % 10], rng() % 1000);
		r->props[3] = (struct mapi_propval){ .tag = T_SIZE, .v.i32 = (int32_t)(rng() % 100000) };
		r->props[4] = (struct mapi_propval){ .tag = T_READ, .v.b = rng() & 1 };
		rows[i] = r;
	}

	qsort_s = table_s = 1e9;
	for (int run = 0; run < RUNS; run++) {
		uint64_t *copy = talloc_memdup(ctx, times, sizeof(*times) * ROWS);
		double s;

		start = bench_now();
		qsort(copy, ROWS, sizeof(*copy), cmp_desc);
		s = bench_now() - start;
		bench_consume(copy);
		qsort_s = s < qsort_s ? s : qsort_s;
		talloc_free(copy);
		s = load_sort_query(ctx, rows, &set);
		if (s < 0)
			return 1;
		table_s = s < table_s ? s : table_s;
	}
	bench_report("table_qsort_100k_timestamps", qsort_s * 1000.0, "ms");
	bench_report("table_load_sort_query_100k", table_s * 1000.0, "ms");
	bench_report("table_load_sort_query_rows", (double)ROWS / table_s, "rows/s");
	bench_ratio("table_load_sort_query_vs_qsort", table_s, qsort_s);
	talloc_free(ctx);
	return 0;
}
