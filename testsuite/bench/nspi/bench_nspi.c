/*
 * bench_nspi: the address book's figures over a large directory (issue 7), run by bench_nspi.sh
 * inside the sandbox once it holds the users. Prints "name value unit" lines:
 *
 *   nspi.raw_ldb_gal_search       the GAL search sambexd makes (same filter, same attributes,
 *                                 the caller's token, untrusted), straight on sam.ldb: the baseline
 *   nspi.gal_queryrows            NspiBind + the whole GAL by NspiQueryRows pages of 500 rows
 *                                 (Outlook's GAL view columns), as the caller; .ratio to the above
 *   nspi.resolvenamesw_p50/_p99   one NspiResolveNamesW per name, 1000 names
 *   nspi.getmatches_anr_p50/_p99  NspiGetMatches with a PidTagAnr restriction, 300 names
 *   nspi.session_rss              sambexd's resident memory per bound session with its GAL loaded
 *
 * Usage: bench_nspi USERS ACCOUNT-PREFIX SMB-CONF SID... (the caller's token, user SID first)
 * Environment: PROBE_USER, PROBE_PASSWORD, SANDBOX_* (nspi_client.c), SANDBOX_ENGINE_PID.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <talloc.h>
#define TEVENT_DEPRECATED
#include <tevent.h>
#include <ndr.h>
#include <dcerpc.h>

#include "nspi.h"
#include "bench.h"
#include "nspi_check.h"
#include "nspi_attrmap.h"
#include "nspi_directory.h"

#define PAGE_ROWS 500
#define RESOLVE_NAMES 1000
#define MATCH_NAMES 300
#define SESSIONS 4
#define RUNS 3

/* Outlook's GAL view: name, e-mail, entry ID, type, title, company, office, phone. */
static const uint32_t gal_columns[] = {
	0x3001001F, 0x3003001F, 0x0FFF0102, 0x39000003, 0x0FFE0003, 0x3A17001F, 0x3A16001F,
	0x3A19001F, 0x3A08001F, 0x3A18001F, 0x39FE001F, 0x0FF60102,
};

static int compare_doubles(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double percentile(double *v, unsigned n, double p)
{
	qsort(v, n, sizeof(v[0]), compare_doubles);
	return v[(unsigned)(p * (n - 1))];
}

/* The baseline: the GAL search straight on sam.ldb as the caller; seconds (best of RUNS). */
static double raw_search(TALLOC_CTX *mem, struct tevent_context *ev, const char *smb_conf,
			 unsigned nsids, const char * const *sids, unsigned *count_r)
{
	struct nspi_directory_config *config = nspi_directory_config_load(mem, ev, smb_conf, NULL);
	static const char * const gal_attrs[] = { "distinguishedName", NULL };
	struct ldb_context *ldb;
	struct ldb_result *res;
	double best = 1e9;
	char *filter;

	if (config == NULL || nspi_directory_open(mem, config, env("PROBE_USER"), nsids, sids,
						  &ldb) != NSPI_DIRECTORY_OK ||
	    nspi_directory_search(mem, ldb, ldb_get_config_basedn(ldb), LDB_SCOPE_SUBTREE,
				  "(cn=Default Global Address List)", gal_attrs, 1, &res)
	    != NSPI_DIRECTORY_OK || res->count != 1) {
		return -1;
	}
	filter = talloc_asprintf(mem, "(showInAddressBook=%s)", ldb_binary_encode_string(mem,
				 ldb_dn_get_linearized(res->msgs[0]->dn)));
	for (int i = 0; i < RUNS; i++) {
		double t0 = bench_now();
		TALLOC_CTX *tmp = talloc_new(mem);

		if (nspi_directory_search(tmp, ldb, NULL, LDB_SCOPE_SUBTREE, filter,
					  nspi_attrmap_attributes(), NSPI_DIRECTORY_MAX_ENTRIES,
					  &res) != NSPI_DIRECTORY_OK) {
			return -1;
		}
		*count_r = res->count;
		talloc_free(tmp);
		best = bench_now() - t0 < best ? bench_now() - t0 : best;
	}
	return best;
}

/* Reads the GAL by pages from the beginning (whole: to its end, else one page); the rows read,
 * or 0 on an error. */
static unsigned read_gal(struct client *c, uint32_t page, bool whole)
{
	struct nspi_STAT stat = stat_at(MID_BEGINNING, 0);
	struct nspi_PropertyTagArray_r *cols = tags(c->mem, sizeof(gal_columns) / 4, gal_columns);
	unsigned total = 0;

	for (;;) {
		struct NspiQueryRows r = { 0 };
		struct nspi_PropertyRowSet_r *out = NULL;
		TALLOC_CTX *tmp = talloc_new(c->mem);

		r.in.hRpc = c->handle;
		r.in.pStat = &stat;
		r.in.Count = page;
		r.in.pPropTags = cols;
		r.out.pStat = &stat;
		r.out.ppRows = &out;
		if (!NT_STATUS_IS_OK(dcerpc_binding_handle_call(c->h, NULL, c->table,
								NSPI_OPNUM_NSPIQUERYROWS, tmp,
								&r)) || r.out.result != S_OK) {
			return 0;
		}
		uint32_t n = out != NULL ? out->cRows : 0;

		total += n;
		talloc_free(tmp);	/* out with it: only n is read below */
		if (!whole || n == 0 || n < page || stat.CurrentRec == MID_END) {
			return total;
		}
	}
}

/* NspiBind then the whole GAL; seconds (best of RUNS, each a new session), or -1. */
static double gal_query_rows(struct client *c, unsigned *rows_r)
{
	double best = 1e9;

	for (int i = 0; i < RUNS; i++) {
		double t0 = bench_now();

		if (!bind(c) || (*rows_r = read_gal(c, PAGE_ROWS, true)) == 0) {
			return -1;
		}
		best = bench_now() - t0 < best ? bench_now() - t0 : best;
	}
	return best;
}

/* One call through the generated codecs: its seconds, or -1 if the call itself failed. */
static double timed_call(struct client *c, uint32_t opnum, TALLOC_CTX *mem, void *r)
{
	double t0 = bench_now();

	if (!NT_STATUS_IS_OK(dcerpc_binding_handle_call(c->h, NULL, c->table, opnum, mem, r))) {
		return -1;
	}
	return bench_now() - t0;
}

/* One NspiResolveNamesW of one name: seconds, or -1 unless it resolved to a single MId. */
static double resolve_one(struct client *c, const char *name)
{
	static const uint32_t cols[] = { 0x3001001F, 0x3003001F };
	struct NspiResolveNamesW r = { 0 };
	struct nspi_STAT stat = stat_at(0, 0);
	const char *names[1] = { name };
	struct nspi_WStringsArray_r in = { .Count = 1, .Strings = names };
	struct nspi_PropertyTagArray_r *mids = NULL;
	struct nspi_PropertyRowSet_r *rows = NULL;
	TALLOC_CTX *tmp = talloc_new(c->mem);
	double t;
	bool ok;

	r.in.hRpc = c->handle;
	r.in.pStat = &stat;
	r.in.pPropTags = tags(tmp, 2, cols);
	r.in.paWStr = &in;
	r.out.ppMIds = &mids;
	r.out.ppRows = &rows;
	t = timed_call(c, NSPI_OPNUM_NSPIRESOLVENAMESW, tmp, &r);
	ok = t >= 0 && r.out.result == S_OK && mids != NULL && mids->cValues == 1 &&
	     mids->aulPropTag[0] > MID_END;
	talloc_free(tmp);
	return ok ? t : -1;
}

/* One NspiGetMatches with PidTagAnr = name (3.1.4.1.10): seconds, or -1 unless one MId. */
static double match_one(struct client *c, const char *name)
{
	struct NspiGetMatches r = { 0 };
	struct nspi_STAT stat = stat_at(0, 0);
	struct nspi_PropertyValue_r v = { .ulPropTag = 0x360C001F, .Value.lpszW = name };
	struct nspi_Restriction_r res = { .rt = 4 };
	struct nspi_PropertyTagArray_r *mids = NULL;
	struct nspi_PropertyRowSet_r *rows = NULL;
	TALLOC_CTX *tmp = talloc_new(c->mem);
	double t;
	bool ok;

	res.res.resProperty.relop = 4;	/* RELOP_EQ */
	res.res.resProperty.ulPropTag = 0x360C001F;
	res.res.resProperty.lpProp = &v;
	r.in.hRpc = c->handle;
	r.in.pStat = &stat;
	r.in.Filter = &res;
	r.in.ulRequested = 100;
	r.out.pStat = &stat;
	r.out.ppOutMIds = &mids;
	r.out.ppRows = &rows;
	t = timed_call(c, NSPI_OPNUM_NSPIGETMATCHES, tmp, &r);
	ok = t >= 0 && r.out.result == S_OK && mids != NULL && mids->cValues == 1;
	talloc_free(tmp);
	return ok ? t : -1;
}

/* p50 and p99 of n calls of fn on pseudo-random accounts; false if a name did not resolve. */
static bool latencies(struct client *c, const char *name, unsigned n, unsigned users,
		      const char *prefix, double (*fn)(struct client *, const char *))
{
	double *t = talloc_array(c->mem, double, n);
	char account[64], label[80];
	uint32_t x = 12345;

	for (unsigned i = 0; i < n; i++) {
		x = x * 1103515245U + 12345U;
		snprintf(account, sizeof(account), "%s%05u", prefix, (x >> 8) % users);
		if ((t[i] = fn(c, account)) < 0) {
			printf("# %s: %s did not resolve to one entry\n", name, account);
			return false;
		}
	}
	snprintf(label, sizeof(label), "nspi.%s_p50", name);
	bench_report(label, percentile(t, n, 0.50) * 1e3, "ms");
	snprintf(label, sizeof(label), "nspi.%s_p99", name);
	bench_report(label, percentile(t, n, 0.99) * 1e3, "ms");
	return true;
}

/* Resident memory of sambexd and its workers (children), in KiB. */
static long engine_rss_kib(void)
{
	long pid = strtol(env("SANDBOX_ENGINE_PID"), NULL, 10), total = 0;
	DIR *d = opendir("/proc");
	struct dirent *de;

	while (d != NULL && (de = readdir(d)) != NULL) {
		char path[300], line[256];
		long ppid = -1, rss = 0, self = strtol(de->d_name, NULL, 10);
		FILE *f;

		snprintf(path, sizeof(path), "/proc/%s/status", de->d_name);
		if (self <= 0 || (f = fopen(path, "r")) == NULL) {
			continue;
		}
		while (fgets(line, sizeof(line), f) != NULL) {
			sscanf(line, "PPid: %ld", &ppid);
			sscanf(line, "VmRSS: %ld", &rss);
		}
		fclose(f);
		total += self == pid || ppid == pid ? rss : 0;
	}
	if (d != NULL) {
		closedir(d);
	}
	return total;
}

/* sambexd's memory per bound session whose GAL is loaded (SESSIONS more sessions). */
static double session_memory(struct client *c)
{
	long before = engine_rss_kib();

	for (int i = 0; i < SESSIONS; i++) {
		if (!bind(c) || read_gal(c, 1, false) != 1) {
			return -1;
		}
	}
	return (double)(engine_rss_kib() - before) / SESSIONS / 1024.0;
}

int main(int argc, char **argv)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct tevent_context *ev = tevent_context_init(mem);
	struct client c = { .mem = mem };
	unsigned users, raw_count = 0, gal_count = 0;
	double raw, gal, rss;

	setvbuf(stdout, NULL, _IOLBF, 0);
	/* ldb dlopens Samba's modules with RTLD_DEEPBIND, which sanitizer runtimes refuse. */
	setenv("LDB_MODULES_DISABLE_DEEPBIND", "1", 0);
	if (argc < 5) {
		fprintf(stderr, "usage: bench_nspi USERS ACCOUNT-PREFIX SMB-CONF SID...\n");
		return 2;
	}
	users = (unsigned)strtoul(argv[1], NULL, 10);
	dcerpc_init();
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
	tevent_loop_allow_nesting(ev);
#pragma GCC diagnostic pop
	raw = raw_search(mem, ev, argv[3], (unsigned)argc - 4, (const char * const *)argv + 4,
			 &raw_count);
	if (raw < 0 || (c.h = connect_nspi(mem, ev, &c.table)) == NULL) {
		printf("# the raw search or the connection failed\n");
		return 1;
	}
	gal = gal_query_rows(&c, &gal_count);
	if (gal < 0 || gal_count != raw_count) {
		printf("# the GAL read %u rows, the raw search %u\n", gal_count, raw_count);
		return 1;
	}
	bench_report("nspi.gal_rows", gal_count, "rows");
	bench_report("nspi.raw_ldb_gal_search", raw * 1e3, "ms");
	bench_report("nspi.gal_queryrows", gal * 1e3, "ms");
	bench_ratio("nspi.gal_queryrows", gal, raw);
	if (!latencies(&c, "resolvenamesw", RESOLVE_NAMES, users, argv[2], resolve_one) ||
	    !latencies(&c, "getmatches_anr", MATCH_NAMES, users, argv[2], match_one)) {
		return 1;
	}
	rss = session_memory(&c);
	if (rss < 0) {
		return 1;
	}
	bench_report("nspi.session_rss", rss, "MiB");
	talloc_free(mem);
	return 0;
}
