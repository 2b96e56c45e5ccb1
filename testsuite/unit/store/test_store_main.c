/*
 * test_store_main.c — runs the store conformance suite (every file's list) as one TAP group.
 */
#include <stdio.h>
#include <stdlib.h>

#include "store_test.h"

int main(void)
{
	const struct {
		const struct CMUnitTest *tests;
		size_t count;
	} parts[] = {
		{ store_tests_mailbox, store_tests_mailbox_count },
		{ store_tests_folder, store_tests_folder_count },
		{ store_tests_message, store_tests_message_count },
		{ store_tests_props, store_tests_props_count },
		{ store_tests_sessions, store_tests_sessions_count },
		{ store_tests_backend, store_tests_backend_count },
		{ store_tests_errors, store_tests_errors_count },
		{ store_tests_engine, store_tests_engine_count },
		{ store_tests_more, store_tests_more_count },
		{ store_tests_cache, store_tests_cache_count },
		{ store_tests_gc, store_tests_gc_count },
	};
	size_t total = 0;
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
		total += parts[i].count;
	struct CMUnitTest *all = calloc(total, sizeof(*all));
	if (all == NULL)
		return 1;
	size_t n = 0;
	for (size_t i = 0; i < sizeof(parts) / sizeof(parts[0]); i++) {
		for (size_t j = 0; j < parts[i].count; j++)
			all[n++] = parts[i].tests[j];
	}
	int rc = _cmocka_run_group_tests(fx_mariadb() ? "store_mariadb" : "store_sqlite", all, total, NULL, NULL);
	free(all);
	return rc;
}
