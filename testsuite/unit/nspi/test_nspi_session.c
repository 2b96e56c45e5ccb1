/*
 * Unit tests: nspi_session (per-worker NSPI sessions, MS-OXNSPI 3.1.4.1.1-2).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "nspi_session.h"

#define ASSOC 0x0000123400000007ULL

static int setup(void **state)
{
	*state = talloc_new(NULL);
	return 0;
}

static int teardown(void **state)
{
	talloc_free(*state);
	return 0;
}

static void test_create_find_destroy(void **state)
{
	struct nspi_sessions *t = nspi_sessions_new(*state);
	struct nspi_session *s = nspi_session_create(t, "S-1-5-21-1-2-3-500", ASSOC, 1252, 0x409, 0x409);
	struct GUID h;

	assert_non_null(s);
	h = s->handle;
	assert_ptr_equal(nspi_session_find(t, &h, "S-1-5-21-1-2-3-500", ASSOC), s);
	assert_int_equal(s->code_page, 1252);
	assert_int_equal(nspi_session_count(t), 1);
	assert_true(nspi_session_destroy(t, &h, "S-1-5-21-1-2-3-500", ASSOC));
	assert_false(nspi_session_destroy(t, &h, "S-1-5-21-1-2-3-500", ASSOC));
	assert_null(nspi_session_find(t, &h, "S-1-5-21-1-2-3-500", ASSOC));
	assert_int_equal(nspi_session_count(t), 0);
}

/* A handle is only good for the user who bound it (Samba's rule for its own handles). */
static void test_other_user_sees_nothing(void **state)
{
	struct nspi_sessions *t = nspi_sessions_new(*state);
	struct nspi_session *s = nspi_session_create(t, "S-1-5-21-1-2-3-500", ASSOC, 1252, 0, 0);
	struct GUID h = s->handle;

	assert_null(nspi_session_find(t, &h, "S-1-5-21-1-2-3-1105", ASSOC));
	assert_false(nspi_session_destroy(t, &h, "S-1-5-21-1-2-3-1105", ASSOC));
	assert_null(nspi_session_find(t, &h, NULL, ASSOC));
	assert_ptr_equal(nspi_session_find(t, &h, "S-1-5-21-1-2-3-500", ASSOC), s);
}

static void test_handles_differ(void **state)
{
	struct nspi_sessions *t = nspi_sessions_new(*state);
	struct nspi_session *a = nspi_session_create(t, "S-1-1-0", ASSOC, 1252, 0, 0);
	struct nspi_session *b = nspi_session_create(t, "S-1-1-0", ASSOC, 1252, 0, 0);

	assert_false(GUID_equal(&a->handle, &b->handle));
	assert_false(GUID_all_zero(&a->handle));
}

/*
 * Regression: sessions are freed only by NspiUnbind until connection rundown exists, so a client
 * that binds and drops the connection again and again must not grow a worker without bound: a
 * user holds at most NSPI_SESSIONS_PER_USER, the oldest going first.
 */
static void test_per_user_cap_evicts_oldest(void **state)
{
	struct nspi_sessions *t = nspi_sessions_new(*state);
	struct GUID first = nspi_session_create(t, "S-1-5-21-9", ASSOC, 1252, 0, 0)->handle;
	struct GUID second = nspi_session_create(t, "S-1-5-21-9", ASSOC, 1252, 0, 0)->handle;
	struct nspi_session *other = nspi_session_create(t, "S-1-5-21-8", ASSOC, 1252, 0, 0);
	size_t before = talloc_total_size(t);

	for (int i = 2; i < NSPI_SESSIONS_PER_USER; i++) {
		assert_non_null(nspi_session_create(t, "S-1-5-21-9", ASSOC, 1252, 0, 0));
	}
	assert_int_equal(nspi_session_count(t), NSPI_SESSIONS_PER_USER + 1);
	assert_non_null(nspi_session_find(t, &first, "S-1-5-21-9", ASSOC));
	assert_non_null(nspi_session_create(t, "S-1-5-21-9", ASSOC, 1252, 0, 0));
	assert_null(nspi_session_find(t, &first, "S-1-5-21-9", ASSOC));	/* the oldest went */
	assert_non_null(nspi_session_find(t, &second, "S-1-5-21-9", ASSOC));
	assert_int_equal(nspi_session_count(t), NSPI_SESSIONS_PER_USER + 1);
	for (int i = 0; i < 10 * NSPI_SESSIONS_PER_USER; i++) {
		assert_non_null(nspi_session_create(t, "S-1-5-21-9", ASSOC, 1252, 0, 0));
	}
	assert_int_equal(nspi_session_count(t), NSPI_SESSIONS_PER_USER + 1);
	/* Memory stays bounded too: about the cap's worth of sessions, not 10 times that. */
	assert_true(talloc_total_size(t) < before / 3 * (NSPI_SESSIONS_PER_USER + 2) + 4096);
	assert_ptr_equal(nspi_session_find(t, &other->handle, "S-1-5-21-8", ASSOC), other);
}

/* A context handle is valid only in the association that made it (C706 6.1). */
static void test_other_association_sees_nothing(void **state)
{
	struct nspi_sessions *t = nspi_sessions_new(*state);
	struct nspi_session *s = nspi_session_create(t, "S-1-5-21-1", ASSOC, 1252, 0, 0);
	struct GUID h = s->handle;

	assert_null(nspi_session_find(t, &h, "S-1-5-21-1", ASSOC + 1));
	assert_false(nspi_session_destroy(t, &h, "S-1-5-21-1", ASSOC + 1));
	assert_ptr_equal(nspi_session_find(t, &h, "S-1-5-21-1", ASSOC), s);
}

/* Rundown ends every session of the association, and only those. */
static void test_rundown(void **state)
{
	struct nspi_sessions *t = nspi_sessions_new(*state);
	struct nspi_session *keep = nspi_session_create(t, "S-1-5-21-1", ASSOC + 1, 1252, 0, 0);
	struct GUID gone[3];

	for (int i = 0; i < 3; i++) {
		gone[i] = nspi_session_create(t, i == 1 ? "S-1-5-21-2" : "S-1-5-21-1", ASSOC, 1252, 0,
					      0)->handle;
	}
	assert_int_equal(nspi_sessions_rundown(t, ASSOC), 3);
	assert_int_equal(nspi_session_count(t), 1);
	assert_null(nspi_session_find(t, &gone[0], "S-1-5-21-1", ASSOC));
	assert_ptr_equal(nspi_session_find(t, &keep->handle, "S-1-5-21-1", ASSOC + 1), keep);
	assert_int_equal(nspi_sessions_rundown(t, ASSOC), 0);
	assert_int_equal(nspi_sessions_rundown(t, ASSOC + 1), 1);
	assert_int_equal(nspi_session_count(t), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_create_find_destroy, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_user_sees_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_handles_differ, setup, teardown),
		cmocka_unit_test_setup_teardown(test_per_user_cap_evicts_oldest, setup, teardown),
		cmocka_unit_test_setup_teardown(test_other_association_sees_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_rundown, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
