/*
 * test_store_crash.c — the store's crash test (issue 9, Robustness): a child process writes
 * messages and reports "MID checksum" on a pipe only after the save returned success; the parent
 * kills it with SIGKILL after a random delay, runs `sambex store check` (the real binary) which
 * must find nothing, and reads every reported message back (its checksum must match).
 *
 * Environment: CRASH_SAMBEX the sambex binary (required), CRASH_ITERATIONS (default 100),
 * STORE_TEST_ENGINE "sqlite" (default) or "mariadb" with STORE_TEST_SOCKET (with_mariadb.sh sets
 * both), STORE_TEST_DIR for the temporary directory, CRASH_SEED to replay a run.
 * `test_store_crash --writer URL SEED` is the child.
 */
#define _XOPEN_SOURCE 700
#include <errno.h>
#include <ftw.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "crash_message.h"
#include "sql_backend.h"
#include "tap.h"

struct reported {
	uint64_t mid;
	uint64_t sum;
};

static uint32_t open_mailbox(TALLOC_CTX *mem_ctx, const char *url, bool create, struct mapistore_mailbox **mbox_r)
{
	struct mapistore *store;
	uint32_t status = sql_backend_register();
	if (status == MAPI_E_SUCCESS)
		status = mapistore_open(mem_ctx, url, &store);
	if (status != MAPI_E_SUCCESS)
		return status;
	status = mapistore_mailbox_open(mem_ctx, store, "crash", mbox_r);
	// A kill during the creation rolled it back: the next writer creates it again.
	if (status != MAPI_E_SUCCESS && create)
		status = mapistore_mailbox_create(mem_ctx, store, "crash", "en", mbox_r);
	return status;
}

/* The child: writes messages until it is killed; a line per message whose save succeeded. */
static int writer(const char *url, uint64_t seed)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapistore_mailbox *mbox;
	uint32_t status = open_mailbox(mem, url, true, &mbox);
	uint64_t fid = status == MAPI_E_SUCCESS ? mapistore_mailbox_special(mbox, MAPISTORE_INBOX) : 0;
	for (uint64_t seq = 0; status == MAPI_E_SUCCESS; seq++) {
		uint64_t mid, sum;
		status = crash_message_write(mem, mbox, fid, seed, seq, &mid, &sum);
		if (status == MAPI_E_SUCCESS) {
			printf("%llu %llu\n", (unsigned long long)mid, (unsigned long long)sum);
			fflush(stdout);
		}
	}
	fprintf(stderr, "writer: status 0x%08x\n", status);
	talloc_free(mem);
	return 1;
}

/* Appends the complete lines of buf to the reported list; keeps a partial last line in buf. */
static void take_lines(TALLOC_CTX *mem_ctx, char *buf, size_t *len, struct reported **list, uint32_t *n)
{
	char *start = buf, *nl;
	while ((nl = memchr(start, '\n', (size_t)(buf + *len - start))) != NULL) {
		*nl = '\0';
		unsigned long long mid, sum;
		if (sscanf(start, "%llu %llu", &mid, &sum) == 2) {
			*list = talloc_realloc(mem_ctx, *list, struct reported, *n + 1);
			(*list)[(*n)++] = (struct reported){ mid, sum };
		}
		start = nl + 1;
	}
	*len = (size_t)(buf + *len - start);
	memmove(buf, start, *len);
}

/* Runs one writer for delay seconds, then SIGKILL; returns whether it was still running. */
static bool run_writer(TALLOC_CTX *mem_ctx, const char *url, uint64_t seed, double delay, struct reported **list,
		       uint32_t *n)
{
	int fds[2];
	if (pipe(fds) != 0)
		return false;
	pid_t pid = fork();
	if (pid == 0) {
		char seed_s[32];
		snprintf(seed_s, sizeof(seed_s), "%llu", (unsigned long long)seed);
		dup2(fds[1], STDOUT_FILENO);
		close(fds[0]);
		close(fds[1]);
		execl("/proc/self/exe", "test_store_crash", "--writer", url, seed_s, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	struct timespec t0;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	char buf[4096];
	size_t len = 0;
	bool killed = false, open = pid > 0;
	while (open) {
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		double left = delay - ((double)(now.tv_sec - t0.tv_sec) + (double)(now.tv_nsec - t0.tv_nsec) / 1e9);
		if (!killed && left <= 0) {
			// The pipe keeps what the child wrote before it died.
			killed = kill(pid, SIGKILL) == 0;
			left = 0;
		}
		struct pollfd p = { .fd = fds[0], .events = POLLIN };
		int timeout = killed ? -1 : (int)(left * 1000) + 1;
		if (poll(&p, 1, timeout) <= 0)
			continue;
		ssize_t got = read(fds[0], buf + len, sizeof(buf) - len - 1);
		if (got <= 0) {
			open = got < 0 && errno == EINTR;
			continue;
		}
		len += (size_t)got;
		take_lines(mem_ctx, buf, &len, list, n);
	}
	close(fds[0]);
	int wstatus = 0;
	if (pid > 0)
		waitpid(pid, &wstatus, 0);
	return killed && WIFSIGNALED(wstatus) && WTERMSIG(wstatus) == SIGKILL;
}

/* `sambex store check URL`: exit 0 means no problem; its output goes to out for diagnostics. */
static bool store_check(const char *sambex, const char *url, const char *out)
{
	pid_t pid = fork();
	if (pid == 0) {
		FILE *f = freopen(out, "w", stdout);
		if (f == NULL || dup2(STDOUT_FILENO, STDERR_FILENO) < 0)
			_exit(126);
		execl(sambex, sambex, "store", "check", url, (char *)NULL);
		_exit(127);
	}
	int wstatus = 0;
	if (pid < 0 || waitpid(pid, &wstatus, 0) != pid)
		return false;
	return WIFEXITED(wstatus) && WEXITSTATUS(wstatus) == 0;
}

/* Reads list[from..n) back; returns how many are missing or differ. *stored_r: messages in the Inbox. */
static uint32_t verify(const char *url, const struct reported *list, uint32_t from, uint32_t n, uint32_t *stored_r)
{
	TALLOC_CTX *mem = talloc_new(NULL);
	struct mapistore_mailbox *mbox;
	uint32_t bad = 0;
	// No mailbox yet is fine only while nothing was reported (the first writer died creating it).
	if (open_mailbox(mem, url, false, &mbox) != MAPI_E_SUCCESS) {
		talloc_free(mem);
		return n - from;
	}
	struct mapistore_child *rows;
	uint64_t fid = mapistore_mailbox_special(mbox, MAPISTORE_INBOX);
	if (mapistore_children(mem, mbox, fid, MAPISTORE_KIND_MESSAGE, 0, NULL, 0, &rows, stored_r) != MAPI_E_SUCCESS)
		*stored_r = 0;
	for (uint32_t i = from; i < n; i++) {
		uint64_t sum = 0;
		uint32_t status = crash_message_sum(mem, mbox, list[i].mid, &sum);
		if (status != MAPI_E_SUCCESS || sum != list[i].sum) {
			tap_diag("message 0x%016llx: status 0x%08x, checksum %016llx, expected %016llx",
				 (unsigned long long)list[i].mid, status, (unsigned long long)sum,
				 (unsigned long long)list[i].sum);
			bad++;
		}
	}
	talloc_free(mem);
	return bad;
}

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void show_file(const char *path)
{
	FILE *f = fopen(path, "r");
	char line[512];
	while (f != NULL && fgets(line, sizeof(line), f) != NULL) {
		line[strcspn(line, "\n")] = '\0';
		tap_diag("  %s", line);
	}
	if (f != NULL)
		fclose(f);
}

static int driver(void)
{
	const char *sambex = getenv("CRASH_SAMBEX"), *engine = getenv("STORE_TEST_ENGINE");
	const char *base = getenv("STORE_TEST_DIR"), *iter_s = getenv("CRASH_ITERATIONS");
	const char *seed_s = getenv("CRASH_SEED");
	bool mariadb = engine != NULL && strcmp(engine, "mariadb") == 0;
	if (sambex == NULL || access(sambex, X_OK) != 0) {
		tap_skip("CRASH_SAMBEX does not name the sambex binary");
		return tap_done();
	}
	uint32_t iterations = iter_s != NULL ? (uint32_t)strtoul(iter_s, NULL, 10) : 100;
	TALLOC_CTX *mem = talloc_new(NULL);
	char *dir = talloc_asprintf(mem, "%s/crash-XXXXXX", base != NULL ? base : "/tmp");
	if (mkdtemp(dir) == NULL) {
		tap_ok(false, "temporary directory");
		return tap_done();
	}
	char *url = mariadb ? talloc_asprintf(mem, "mariadb://root@/crash%d?socket=%s&blobs=%s/blobs", (int)getpid(),
					      getenv("STORE_TEST_SOCKET"), dir)
			    : talloc_asprintf(mem, "sqlite://%s/store", dir);
	char *out = talloc_asprintf(mem, "%s/check.out", dir);
	uint64_t seed = seed_s != NULL ? strtoull(seed_s, NULL, 10) : (uint64_t)time(NULL) ^ (uint64_t)getpid();
	srand48((long)seed);
	tap_diag("engine %s, %u iterations, CRASH_SEED=%llu", mariadb ? "mariadb" : "sqlite", iterations,
		 (unsigned long long)seed);
	struct reported *list = NULL;
	uint32_t n = 0, failures = 0, lost = 0, unreported = 0, in_flight = 0;
	for (uint32_t i = 0; i < iterations; i++) {
		uint32_t before = n;
		// 20 ms to 1 s: early kills hit the store's creation, later ones saves of every size.
		double delay = 0.02 + drand48() * 0.98;
		bool killed = run_writer(mem, url, seed * 1000 + i, delay, &list, &n);
		bool clean = store_check(sambex, url, out);
		uint32_t stored = 0;
		uint32_t bad = verify(url, list, before, n, &stored);
		// A message stored but not reported: the kill fell between its saves or before its line.
		in_flight += stored > n ? stored - n - unreported : 0;
		unreported = stored > n ? stored - n : unreported;
		lost += bad;
		if (!tap_ok(killed && clean && bad == 0, "iteration %u: killed after %.0f ms, %u new messages, "
			    "check %s, %u lost", i + 1, delay * 1000, n - before, clean ? "clean" : "FAILED", bad)) {
			failures++;
			show_file(out);
		}
	}
	uint32_t stored = 0;
	uint32_t bad = n > 0 ? verify(url, list, 0, n, &stored) : 0;
	tap_ok(n > 0 && bad == 0, "all %u reported messages intact at the end", n);
	tap_diag("crash test (%s): %u iterations, %u failed, %u messages reported, %u lost, %u kills after a "
		 "message was stored but before it was reported", mariadb ? "mariadb" : "sqlite", iterations, failures, n,
		 lost + bad, in_flight);
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	talloc_free(mem);
	return tap_done();
}

int main(int argc, char **argv)
{
	if (argc == 4 && strcmp(argv[1], "--writer") == 0)
		return writer(argv[2], strtoull(argv[3], NULL, 10));
	return driver();
}
