/*
 * Unit tests: nspi_restrict — NspiGetMatches restrictions (MS-OXNSPI 3.1.4.1.10) converted to
 * the table engine's model and evaluated on an entry's values: the kinds once answered
 * TooComplex (bitmask, size, compare-properties, sub-object, multi-valued strings), ANR's
 * synthetic boolean, 8-bit comparands, and what stays TooComplex.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "nspi_restrict.h"
#include "nspi_search.h"
#include "mapi_status.h"
#include "mapistore_restrict.h"

#define TAG_DISPLAY_NAME 0x3001001FU
#define TAG_TRANSMITTABLE 0x3A20001FU
#define TAG_GIVEN_NAME 0x3A06001FU
#define TAG_DISPLAY_TYPE 0x39000003U
#define TAG_INSTANCE_KEY 0x0FF60102U
#define TAG_PROXIES 0x800F101FU
#define TAG_ANR 0x360C001FU

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

/* A group "Zoë Zander" (given name Zoë) with two proxy addresses. */
static struct nspi_entry *sample(TALLOC_CTX *mem)
{
	struct nspi_table *t = nspi_table_new(mem);
	struct ldb_message *msg = ldb_msg_new(t);

	assert_int_equal(ldb_msg_add_string(msg, "objectClass", "top"), 0);
	assert_int_equal(ldb_msg_add_string(msg, "objectClass", "group"), 0);
	assert_int_equal(ldb_msg_add_string(msg, "displayName", "Zoë Zander"), 0);
	assert_int_equal(ldb_msg_add_string(msg, "givenName", "Zoë"), 0);
	assert_int_equal(ldb_msg_add_string(msg, "proxyAddresses", "SMTP:zoe@x.test"), 0);
	assert_int_equal(ldb_msg_add_string(msg, "proxyAddresses", "smtp:zz@y.test"), 0);
	return nspi_table_add(t, msg, true);
}

/* Converts res (code page 1252), evaluates it on the sample with ANR 0 hit as anr0; returns
 * the status, *holds the result. */
static uint32_t eval(TALLOC_CTX *mem, const struct nspi_Restriction_r *res, bool anr0,
		     bool *holds)
{
	struct nspi_row_context rc = { .code_page = 1252 };
	struct nspi_entry *e = sample(mem);
	bool hits[NSPI_RESTRICT_MAX_ANR] = { anr0 };
	struct nspi_restrict *r;
	struct mapistore_row row;
	uint32_t status = nspi_restrict_convert(mem, res, 1252, &r);

	*holds = false;
	if (status == MAPI_E_SUCCESS) {
		assert_true(nspi_restrict_row(mem, r, &rc, e, hits, &row));
		*holds = mapistore_restrict_eval(&r->res, &row, NULL, NULL);
	}
	return status;
}

static bool holds(TALLOC_CTX *mem, const struct nspi_Restriction_r *res)
{
	bool h;

	assert_int_equal(eval(mem, res, false, &h), MAPI_E_SUCCESS);
	return h;
}

/* BitMask (MS-OXCDATA 2.12.7) on PidTagDisplayType: a group is DT_DISTLIST (1). */
static void test_bitmask(void **state)
{
	struct nspi_Restriction_r r = { .rt = 6 };

	r.res.resBitMask = (struct nspi_BitMaskRestriction_r){ 1, TAG_DISPLAY_TYPE, 1 };	/* NEZ */
	assert_true(holds(*state, &r));
	r.res.resBitMask.relBMR = 0;	/* BMR_EQZ */
	assert_false(holds(*state, &r));
	r.res.resBitMask.ulPropTag = 0x3A08001FU;	/* absent: false */
	assert_false(holds(*state, &r));
}

/* Size (2.12.8): the instance key is 4 bytes. */
static void test_size(void **state)
{
	struct nspi_Restriction_r r = { .rt = 7 };

	r.res.resSize = (struct nspi_SizeRestriction_r){ 4, TAG_INSTANCE_KEY, 4 };	/* EQ */
	assert_true(holds(*state, &r));
	r.res.resSize.relop = 2;	/* GT */
	assert_false(holds(*state, &r));
}

/* CompareProperties (2.12.6): display name = transmittable name, != given name. */
static void test_compare_props(void **state)
{
	struct nspi_Restriction_r r = { .rt = 5 };

	r.res.resCompareProps = (struct nspi_ComparePropsRestriction_r){ 4, TAG_DISPLAY_NAME,
									  TAG_TRANSMITTABLE };
	assert_true(holds(*state, &r));
	r.res.resCompareProps.ulPropTag2 = TAG_GIVEN_NAME;
	assert_false(holds(*state, &r));
	r.res.resCompareProps.relop = 5;	/* NE */
	assert_true(holds(*state, &r));
}

/* Multi-valued strings: a single-valued comparand holds if any value does. */
static void test_multivalued(void **state)
{
	struct nspi_PropertyValue_r v = { .ulPropTag = 0x800F001FU, .Value.lpszW = "ZZ@" };
	struct nspi_Restriction_r r = { .rt = 3 };

	r.res.resContent = (struct nspi_ContentRestriction_r){ 0x00010001, TAG_PROXIES, &v };
	assert_true(holds(*state, &r));		/* substring, ignore case */
	v.Value.lpszW = "nobody";
	assert_false(holds(*state, &r));
	r.rt = 4;
	r.res.resProperty = (struct nspi_PropertyRestriction_r){ 4, TAG_PROXIES, &v };
	v.Value.lpszW = "smtp:ZOE@x.test";	/* equality ignores case (Property) */
	assert_true(holds(*state, &r));
}

/* An 8-bit comparand comes from the code page (1252: 0xEB is ë); ANR is the caller's answer. */
static void test_string8_and_anr(void **state)
{
	struct nspi_PropertyValue_r v = { .ulPropTag = 0x3001001EU, .Value.lpszA = "Zo\xeb" };
	struct nspi_Restriction_r r = { .rt = 3 };
	bool h;

	r.res.resContent = (struct nspi_ContentRestriction_r){ 0x00000002, 0x3001001EU, &v };
	assert_true(holds(*state, &r));
	v.ulPropTag = TAG_ANR;
	v.Value.lpszW = "zander";
	r.rt = 4;
	r.res.resProperty = (struct nspi_PropertyRestriction_r){ 4, TAG_ANR, &v };
	assert_int_equal(eval(*state, &r, true, &h), MAPI_E_SUCCESS);
	assert_true(h);
	assert_int_equal(eval(*state, &r, false, &h), MAPI_E_SUCCESS);
	assert_false(h);
}

/* A sub-object restriction holds for no address book object (they have none). */
static void test_subobject(void **state)
{
	struct nspi_Restriction_r exist = { .rt = 8 };
	struct nspi_Restriction_r r = { .rt = 9 };

	exist.res.resExist.ulPropTag = TAG_DISPLAY_NAME;
	r.res.resSubRestriction = (struct nspi_SubRestriction_r){ 0x0E12000DU, &exist };
	assert_false(holds(*state, &r));
}

/* Still TooComplex: RELOP_RE, unknown types, no comparand, a count without its array, nesting
 * past the cap, a comparand type the address book does not hold. */
static void test_too_complex(void **state)
{
	struct nspi_PropertyValue_r v = { .ulPropTag = TAG_DISPLAY_NAME, .Value.lpszW = "x" };
	struct nspi_PropertyValue_r ft = { .ulPropTag = 0x30070040U };
	struct nspi_Restriction_r r = { .rt = 4 }, nest[NSPI_RESTRICTION_MAX_DEPTH + 2];
	bool h;

	r.res.resProperty = (struct nspi_PropertyRestriction_r){ 6, TAG_DISPLAY_NAME, &v };
	assert_int_equal(eval(*state, &r, false, &h), MAPI_E_TOO_COMPLEX);
	r.res.resProperty = (struct nspi_PropertyRestriction_r){ 4, TAG_DISPLAY_NAME, NULL };
	assert_int_equal(eval(*state, &r, false, &h), MAPI_E_TOO_COMPLEX);
	r.res.resProperty = (struct nspi_PropertyRestriction_r){ 4, 0x30070040U, &ft };
	assert_int_equal(eval(*state, &r, false, &h), MAPI_E_TOO_COMPLEX);
	r.rt = 10;
	assert_int_equal(eval(*state, &r, false, &h), MAPI_E_TOO_COMPLEX);
	r.rt = 0;
	r.res.resAnd = (struct nspi_AndOrRestriction_r){ 2, NULL };
	assert_int_equal(eval(*state, &r, false, &h), MAPI_E_TOO_COMPLEX);
	for (int i = 0; i < NSPI_RESTRICTION_MAX_DEPTH + 2; i++) {
		nest[i].rt = 2;
		nest[i].res.resNot.lpRes = i + 1 < NSPI_RESTRICTION_MAX_DEPTH + 2 ? &nest[i + 1] : &r;
	}
	r.res.resAnd = (struct nspi_AndOrRestriction_r){ 0, NULL };	/* empty And: true */
	assert_int_equal(eval(*state, &nest[2], false, &h), MAPI_E_SUCCESS);	/* depth 16 */
	assert_int_equal(eval(*state, &nest[1], false, &h), MAPI_E_TOO_COMPLEX);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_bitmask, setup, teardown),
		cmocka_unit_test_setup_teardown(test_size, setup, teardown),
		cmocka_unit_test_setup_teardown(test_compare_props, setup, teardown),
		cmocka_unit_test_setup_teardown(test_multivalued, setup, teardown),
		cmocka_unit_test_setup_teardown(test_string8_and_anr, setup, teardown),
		cmocka_unit_test_setup_teardown(test_subobject, setup, teardown),
		cmocka_unit_test_setup_teardown(test_too_complex, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
