/*
 * Helpers shared by the engine-protocol unit tests: a fully populated sample call and field-by-field
 * comparisons (a NULL string on the sending side arrives as "", per engine_proto.h).
 */
#ifndef SAMBEX_PROTO_TEST_UTIL_H
#define SAMBEX_PROTO_TEST_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "engine_proto.h"

static const uint8_t sample_stub[] = { 0x00, 0x01, 0x02, 0xfe, 0xff, 0x00, 0x7f, 0x80 };

/* Every field set, none at a default value, so a field dropped by either side shows up. */
static inline struct engine_call sample_call(void)
{
	struct engine_call call = {
		.iface = ENGINE_IFACE_NSPI,
		.opnum = 0x1234,
		.ndr_flags = 0x89abcdefU,
		.caller = {
			.auth_type = 10,
			.auth_level = 6,
			.assoc_group_id = 0xfedcba98U,
			.account_name = "alice",
			.domain_name = "SAMBEX",
			.user_sid = "S-1-5-21-1-2-3-1104",
			.remote_address = "ipv4:10.0.0.1:49152",
			.local_address = "ipv4:10.0.0.2:135",
		},
		.stub = sample_stub,
		.stub_len = sizeof(sample_stub),
	};

	return call;
}

static inline void assert_wire_string(const char *sent, const char *got)
{
	assert_non_null(got);
	assert_string_equal(got, sent != NULL ? sent : "");
}

static inline void assert_calls_equal(const struct engine_call *sent, const struct engine_call *got)
{
	assert_int_equal(got->iface, sent->iface);
	assert_int_equal(got->opnum, sent->opnum);
	assert_int_equal(got->ndr_flags, sent->ndr_flags);
	assert_int_equal(got->caller.auth_type, sent->caller.auth_type);
	assert_int_equal(got->caller.auth_level, sent->caller.auth_level);
	assert_int_equal(got->caller.assoc_group_id, sent->caller.assoc_group_id);
	assert_wire_string(sent->caller.account_name, got->caller.account_name);
	assert_wire_string(sent->caller.domain_name, got->caller.domain_name);
	assert_wire_string(sent->caller.user_sid, got->caller.user_sid);
	assert_wire_string(sent->caller.remote_address, got->caller.remote_address);
	assert_wire_string(sent->caller.local_address, got->caller.local_address);
	assert_int_equal(got->caller.num_token_sids, sent->caller.num_token_sids);
	for (uint32_t i = 0; i < sent->caller.num_token_sids; i++) {
		assert_string_equal(got->caller.token_sids[i], sent->caller.token_sids[i]);
	}
	assert_int_equal(got->stub_len, sent->stub_len);
	if (sent->stub_len > 0) {
		assert_memory_equal(got->stub, sent->stub, sent->stub_len);
	}
}

static inline void assert_replies_equal(const struct engine_reply *sent,
					const struct engine_reply *got)
{
	assert_int_equal(got->fault, sent->fault);
	assert_int_equal(got->stub_len, sent->stub_len);
	if (sent->stub_len > 0) {
		assert_memory_equal(got->stub, sent->stub, sent->stub_len);
	}
}

#endif
