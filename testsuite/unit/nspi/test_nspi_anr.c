/*
 * Unit tests: nspi_index (entries by DN, ASCII case ignored), the table's DN lookups (whose keys
 * must outlive an entry's message), nspi_directory_pack (the compact copy of a result), and nspi_anr
 * (ambiguous name resolution over the GAL in memory; MS-OXNSPI 3.1.1.6 leaves the algorithm to
 * the server, ours follows MS-ADTS 3.1.1.3.1.3.4).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <cmocka.h>

#include "nspi_anr.h"
#include "nspi_directory.h"
#include "nspi_index.h"
#include "nspi_table.h"

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

/* Keys compare without ASCII case; the first entry keeps a key; growth keeps every key. */
static void test_index(void **state)
{
	struct nspi_index *ix = nspi_index_new(*state);
	struct nspi_entry *e = talloc_array(*state, struct nspi_entry, 3000);
	char **keys = talloc_array(*state, char *, 3000);

	assert_null(nspi_index_get(ix, "x"));
	for (int i = 0; i < 3000; i++) {
		keys[i] = talloc_asprintf(keys, "CN=User%d,DC=Example", i);
		assert_true(nspi_index_put(ix, keys[i], &e[i]));
	}
	assert_true(nspi_index_put(ix, "cn=user7,dc=example", &e[0]));	/* already there */
	for (int i = 0; i < 3000; i++) {
		char *lower = talloc_asprintf(*state, "cn=USER%d,dc=example", i);

		assert_ptr_equal(nspi_index_get(ix, lower), &e[i]);
	}
	assert_null(nspi_index_get(ix, "CN=User3000,DC=Example"));
	assert_null(nspi_index_get(ix, ""));
}

struct person {
	const char *display, *given, *sn, *account, *mail, *proxy, *ab_dn;
};

static const struct person people[] = {
	{ "Zoë Zander", "Zoë", "Zander", "zoe", "zoe@x.test", "smtp:zz@x.test", "/o=X/cn=zoe" },
	{ "Ada Abbott", "Ada", "Abbott", "ada", "ada@x.test", NULL, "/o=X/cn=ada" },
	{ "Adam Baker", "Adam", "Baker", "abaker", "adam@x.test", NULL, "/o=X/cn=abaker" },
	{ "Bob Ada", "Bob", "Ada", "bob", "bob@x.test", NULL, "/o=X/cn=bob" },
	{ "Carl Cole", "Carl", "Cole", "carl", "c@x.test", "SMTP:carl.cole@y.test", "/o=X/cn=carl" },
};
#define PEOPLE (sizeof(people) / sizeof(people[0]))

static void add(struct ldb_message *msg, const char *attr, const char *value)
{
	if (value != NULL) {
		assert_int_equal(ldb_msg_add_string(msg, attr, value), 0);
	}
}

/* A table whose GAL holds people[] with DNs CN=<account>,DC=x, plus one entry not in the GAL. */
static struct nspi_table *sample(TALLOC_CTX *mem)
{
	struct ldb_context *ldb = ldb_init(mem, NULL);
	struct nspi_table *t = nspi_table_new(mem);

	t->gal = talloc_zero_array(t, struct nspi_entry *, PEOPLE);
	for (size_t i = 0; i <= PEOPLE; i++) {
		const struct person *p = i < PEOPLE ? &people[i]
				       : &(struct person){ "Ada Outside", "Ada", "Outside", "out",
							   NULL, NULL, "/o=X/cn=out" };
		struct ldb_message *msg = ldb_msg_new(t);
		struct nspi_entry *e;

		msg->dn = ldb_dn_new_fmt(msg, ldb, "CN=%s,DC=x", p->account);
		add(msg, "displayName", p->display);
		add(msg, "givenName", p->given);
		add(msg, "sn", p->sn);
		add(msg, "sAMAccountName", p->account);
		add(msg, "mail", p->mail);
		add(msg, "proxyAddresses", p->proxy);
		add(msg, "legacyExchangeDN", p->ab_dn);
		e = nspi_table_add(t, msg, i < PEOPLE);
		assert_non_null(e);
		if (i < PEOPLE) {
			t->gal[t->gal_count++] = e;
		}
	}
	t->gal_loaded = true;
	nspi_table_sort(t);
	return t;
}

/* Directory DNs (ldb's case folding) and address book DNs find their entry by hash. */
static void test_table_dns(void **state)
{
	struct nspi_table *t = sample(*state);
	struct ldb_context *ldb = ldb_init(*state, NULL);

	assert_ptr_equal(nspi_table_find_dn(t, ldb_dn_new(*state, ldb, "cn=ZOE,dc=X")),
			 nspi_table_find(t, NSPI_MID_FIRST));
	assert_ptr_equal(nspi_table_find_dn(t, ldb_dn_new(*state, ldb, "CN=out,DC=x")),
			 nspi_table_find(t, NSPI_MID_FIRST + PEOPLE));
	assert_null(nspi_table_find_dn(t, ldb_dn_new(*state, ldb, "CN=nobody,DC=x")));
	assert_ptr_equal(nspi_table_find_ab_dn(t, "/O=x/CN=Carl"),
			 nspi_table_find(t, NSPI_MID_FIRST + 4));
	assert_null(nspi_table_find_ab_dn(t, "/o=X/cn=car"));
}

/*
 * NspiModProps and NspiModLinkAtt replace an entry's message (nspi_modify's refresh): the DN
 * lookups must still find it. The keys used to point into the old message (use after free).
 */
static void test_table_keys_outlive_message(void **state)
{
	struct nspi_table *t = sample(*state);
	struct ldb_context *ldb = ldb_init(*state, NULL);
	struct nspi_entry *e = nspi_table_find(t, NSPI_MID_FIRST + 4);
	struct ldb_message *old = e->msg;

	e->msg = ldb_msg_copy(e, old);
	assert_non_null(e->msg);
	talloc_free(old);
	assert_ptr_equal(nspi_table_find_ab_dn(t, "/o=X/cn=CARL"), e);
	assert_ptr_equal(nspi_table_find_dn(t, ldb_dn_new(*state, ldb, "cn=carl,dc=x")), e);
	assert_string_equal(e->ab_dn, "/o=X/cn=carl");
}

/* The packed copy: same names, values (NUL after each, binary kept), DN; a few blocks only. */
static void test_pack(void **state)
{
	struct ldb_context *ldb = ldb_init(*state, NULL);
	struct ldb_message *msg = ldb_msg_new(*state), *p;
	struct ldb_val bin = { .data = (uint8_t *)"a\0b", .length = 3 };
	struct ldb_val empty = { .data = (uint8_t *)"", .length = 0 };
	const struct ldb_message_element *el;

	msg->dn = ldb_dn_new(msg, ldb, "CN=Ada Abbott,OU=People,DC=x");
	add(msg, "displayName", "Ada Abbott");
	add(msg, "proxyAddresses", "SMTP:ada@x.test");
	add(msg, "proxyAddresses", "smtp:aa@x.test");
	assert_int_equal(ldb_msg_add_value(msg, "objectGUID", &bin, NULL), 0);
	assert_int_equal(ldb_msg_add_value(msg, "info", &empty, NULL), 0);
	p = nspi_directory_pack(*state, ldb, msg);
	assert_non_null(p);
	assert_true(talloc_total_blocks(p) <= 6);
	assert_string_equal(ldb_dn_get_linearized(p->dn), "CN=Ada Abbott,OU=People,DC=x");
	assert_string_equal(ldb_dn_get_casefold(p->dn), ldb_dn_get_casefold(msg->dn));
	assert_int_equal(p->num_elements, msg->num_elements);
	assert_string_equal(ldb_msg_find_attr_as_string(p, "displayName", NULL), "Ada Abbott");
	el = ldb_msg_find_element(p, "proxyAddresses");
	assert_non_null(el);
	assert_int_equal(el->num_values, 2);
	assert_string_equal((const char *)el->values[1].data, "smtp:aa@x.test");
	el = ldb_msg_find_element(p, "objectGUID");
	assert_int_equal(el->values[0].length, 3);
	assert_memory_equal(el->values[0].data, "a\0b\0", 4);
	assert_string_equal(ldb_msg_find_attr_as_string(p, "info", "x"), "");
	talloc_free(msg);	/* the copy owns all it holds */
	assert_string_equal(ldb_msg_find_attr_as_string(p, "displayName", NULL), "Ada Abbott");
	msg = ldb_msg_new(*state);
	p = nspi_directory_pack(*state, ldb, msg);	/* no DN, no elements */
	assert_non_null(p);
	assert_null(p->dn);
	assert_int_equal(p->num_elements, 0);
}

/* The display names ANR text matches, joined by "|" in display name order ("!" if too many). */
static char *anr(TALLOC_CTX *mem, struct nspi_table *t, const char *text, uint32_t max)
{
	struct nspi_entry **rows;
	uint32_t n;
	bool too_many;
	char *out = talloc_strdup(mem, "");

	if (t->anr == NULL) {
		t->anr = nspi_anr_build(t, t);
		assert_non_null(t->anr);
	}
	assert_true(nspi_anr_find(mem, t->anr, t, text, max, &rows, &n, &too_many));
	if (too_many) {
		return talloc_strdup(mem, "!");
	}
	for (uint32_t i = 0; i < n; i++) {
		out = talloc_asprintf_append(out, "%s%s", i > 0 ? "|" : "",
					     ldb_msg_find_attr_as_string(rows[i]->msg,
									 "displayName", ""));
	}
	return out;
}

/* Prefixes of every name attribute, without ASCII case, distinct rows, GAL rows only. */
static void test_anr_prefix(void **state)
{
	struct nspi_table *t = sample(*state);

	assert_string_equal(anr(*state, t, "ada", 10), "Ada Abbott|Adam Baker|Bob Ada");
	assert_string_equal(anr(*state, t, "ZO", 10), "Zoë Zander");
	assert_string_equal(anr(*state, t, "zoë z", 10), "Zoë Zander");	/* display name */
	assert_string_equal(anr(*state, t, "abak", 10), "Adam Baker");	/* account */
	assert_string_equal(anr(*state, t, "adam@", 10), "Adam Baker");	/* mail */
	assert_string_equal(anr(*state, t, "zz@", 10), "Zoë Zander");	/* proxy, no smtp: */
	assert_string_equal(anr(*state, t, "carl.cole", 10), "Carl Cole");
	assert_string_equal(anr(*state, t, "outside", 10), "");	/* not in the GAL */
	assert_string_equal(anr(*state, t, "q", 10), "");
	assert_string_equal(anr(*state, t, "  bob  ", 10), "Bob Ada");
	assert_string_equal(anr(*state, t, "", 10), "");
}

/* "first last" and "last first" (givenName + sn); "=" asks equality; the address book DN is
 * compared whole; more than max rows is too many. */
static void test_anr_rules(void **state)
{
	struct nspi_table *t = sample(*state);

	assert_string_equal(anr(*state, t, "abbott ad", 10), "Ada Abbott");
	assert_string_equal(anr(*state, t, "Ad Bak", 10), "Adam Baker");
	assert_string_equal(anr(*state, t, "=ada", 10), "Ada Abbott|Bob Ada");
	assert_string_equal(anr(*state, t, "=ad", 10), "");
	assert_string_equal(anr(*state, t, "/O=X/cn=carl", 10), "Carl Cole");
	assert_string_equal(anr(*state, t, "/o=X/cn=car", 10), "");
	assert_string_equal(anr(*state, t, "a", 2), "!");
	assert_string_equal(anr(*state, t, "a", 3), "Ada Abbott|Adam Baker|Bob Ada");
}

int main(void)
{
	/* ldb_init loads modules with RTLD_DEEPBIND unless told not to (sanitizer builds). */
	setenv("LDB_MODULES_DISABLE_DEEPBIND", "1", 0);

	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_index, setup, teardown),
		cmocka_unit_test_setup_teardown(test_table_dns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_table_keys_outlive_message, setup, teardown),
		cmocka_unit_test_setup_teardown(test_pack, setup, teardown),
		cmocka_unit_test_setup_teardown(test_anr_prefix, setup, teardown),
		cmocka_unit_test_setup_teardown(test_anr_rules, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
