/*
 * Unit tests: mapi_aux (MS-OXCRPC 2.2.2.2 AUX_HEADER and the auxiliary blocks 2.2.2.2.1 -
 * 2.2.2.2.22). Field layouts against hand-assembled bytes, typed round trips for every kind,
 * unknown and malformed blocks kept raw, framing errors.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "mapi_aux.h"

#define FORMAT ecRpcFormat
#define EINVALID ((uint32_t)MAPI_E_INVALID_PARAMETER)

static uint32_t rng_state = 0xA0A0F00D;

static uint32_t rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 17;
	rng_state ^= rng_state << 5;
	return rng_state;
}

static uint32_t parse(TALLOC_CTX *mem_ctx, const uint8_t *buf, size_t len,
		      struct mapi_aux_block **b_r, size_t *count_r)
{
	/* an exact-size copy, so ASan sees any read past the end */
	uint8_t *copy = talloc_memdup(mem_ctx, buf, len ? len : 1);
	uint32_t ret = mapi_aux_parse(mem_ctx, copy, len, b_r, count_r);

	if (ret != 0) {
		assert_null(*b_r);
	}
	return ret;
}

/* Parsed blocks keep their raw bodies: building them again gives the input back. */
static void expect_identity(TALLOC_CTX *mem_ctx, const uint8_t *buf, size_t len)
{
	struct mapi_aux_block *b;
	size_t count;
	uint8_t *out;
	size_t out_len;

	assert_int_equal(parse(mem_ctx, buf, len, &b, &count), 0);
	assert_int_equal(mapi_aux_build(mem_ctx, b, count, &out, &out_len), 0);
	assert_int_equal(out_len, len);
	if (len > 0) {
		assert_memory_equal(out, buf, len);
	}
}

static void test_kind_table(void **state)
{
	static const struct { uint8_t type; enum mapi_aux_kind v1, v2; } rows[] = {
		{ 0x01, MAPI_AUX_PERF_REQUESTID, MAPI_AUX_RAW },
		{ 0x02, MAPI_AUX_PERF_CLIENTINFO, MAPI_AUX_RAW },
		{ 0x03, MAPI_AUX_PERF_SERVERINFO, MAPI_AUX_RAW },
		{ 0x04, MAPI_AUX_PERF_SESSIONINFO, MAPI_AUX_PERF_SESSIONINFO_V2 },
		{ 0x05, MAPI_AUX_PERF_DEFMDB_SUCCESS, MAPI_AUX_RAW },
		{ 0x06, MAPI_AUX_PERF_DEFGC_SUCCESS, MAPI_AUX_RAW },
		{ 0x07, MAPI_AUX_PERF_MDB_SUCCESS, MAPI_AUX_PERF_MDB_SUCCESS_V2 },
		{ 0x08, MAPI_AUX_PERF_GC_SUCCESS, MAPI_AUX_PERF_GC_SUCCESS_V2 },
		{ 0x09, MAPI_AUX_PERF_FAILURE, MAPI_AUX_PERF_FAILURE_V2 },
		{ 0x0A, MAPI_AUX_CLIENT_CONTROL, MAPI_AUX_RAW },
		{ 0x0B, MAPI_AUX_PERF_PROCESSINFO, MAPI_AUX_PERF_PROCESSINFO },
		{ 0x0C, MAPI_AUX_PERF_DEFMDB_SUCCESS, MAPI_AUX_RAW },
		{ 0x0D, MAPI_AUX_PERF_DEFGC_SUCCESS, MAPI_AUX_RAW },
		{ 0x0E, MAPI_AUX_PERF_MDB_SUCCESS, MAPI_AUX_PERF_MDB_SUCCESS_V2 },
		{ 0x0F, MAPI_AUX_PERF_GC_SUCCESS, MAPI_AUX_PERF_GC_SUCCESS_V2 },
		{ 0x10, MAPI_AUX_PERF_FAILURE, MAPI_AUX_PERF_FAILURE_V2 },
		{ 0x11, MAPI_AUX_PERF_DEFMDB_SUCCESS, MAPI_AUX_RAW },
		{ 0x12, MAPI_AUX_PERF_DEFGC_SUCCESS, MAPI_AUX_RAW },
		{ 0x13, MAPI_AUX_PERF_MDB_SUCCESS, MAPI_AUX_PERF_MDB_SUCCESS_V2 },
		{ 0x14, MAPI_AUX_PERF_GC_SUCCESS, MAPI_AUX_PERF_GC_SUCCESS_V2 },
		{ 0x15, MAPI_AUX_PERF_FAILURE, MAPI_AUX_PERF_FAILURE_V2 },
		{ 0x16, MAPI_AUX_OSVERSIONINFO, MAPI_AUX_RAW },
		{ 0x17, MAPI_AUX_EXORGINFO, MAPI_AUX_RAW },
		{ 0x18, MAPI_AUX_PERF_ACCOUNTINFO, MAPI_AUX_RAW },
		{ 0x46, MAPI_AUX_SERVER_CAPABILITIES, MAPI_AUX_RAW },
		{ 0x48, MAPI_AUX_ENDPOINT_CAPABILITIES, MAPI_AUX_RAW },
		{ 0x4A, MAPI_AUX_CLIENT_CONNECTION_INFO, MAPI_AUX_RAW },
		{ 0x4B, MAPI_AUX_SERVER_SESSION_INFO, MAPI_AUX_RAW },
		{ 0x4E, MAPI_AUX_PROTOCOL_DEVICE_IDENTIFICATION, MAPI_AUX_RAW },
	};
	size_t known = 0;

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		assert_int_equal(mapi_aux_kind_of(1, rows[i].type), rows[i].v1);
		assert_int_equal(mapi_aux_kind_of(2, rows[i].type), rows[i].v2);
	}
	for (unsigned v = 0; v < 256; v++) {
		for (unsigned t = 0; t < 256; t++) {
			if (mapi_aux_kind_of((uint8_t)v, (uint8_t)t) != MAPI_AUX_RAW) {
				known++;
			}
			if (v != 1 && v != 2) {
				assert_int_equal(mapi_aux_kind_of((uint8_t)v, (uint8_t)t),
						 MAPI_AUX_RAW);
			}
		}
	}
	assert_int_equal(known, 29 + 11);
	assert_string_equal(mapi_aux_kind_name(MAPI_AUX_EXORGINFO), "AUX_EXORGINFO");
	assert_string_equal(mapi_aux_kind_name(MAPI_AUX_RAW), "raw");
	assert_string_equal(mapi_aux_kind_name((enum mapi_aux_kind)999), "raw");
	for (int k = 0; k < MAPI_AUX_KIND_COUNT; k++) {
		assert_non_null(mapi_aux_kind_name((enum mapi_aux_kind)k));
	}
}

/* 4.1: the AUX_EXORGINFO payload of the EcDoConnectEx example. */
static void test_spec_exorginfo(void **state)
{
	static const uint8_t wire[] = { 0x08, 0x00, 0x01, 0x17, 0x01, 0x00, 0x00, 0x00 };
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_aux_block *b, built = { .version = 1, .type = MAPI_AUX_TYPE_EXORGINFO,
					    .kind = MAPI_AUX_EXORGINFO };
	size_t count, len;
	uint8_t *out;

	assert_int_equal(parse(mem_ctx, wire, sizeof(wire), &b, &count), 0);
	assert_int_equal(count, 1);
	assert_int_equal(b[0].kind, MAPI_AUX_EXORGINFO);
	assert_int_equal(b[0].u.exorginfo.org_flags, MAPI_AUX_PUBLIC_FOLDERS_ENABLED);
	assert_int_equal(b[0].raw_len, 4);
	built.u.exorginfo.org_flags = MAPI_AUX_PUBLIC_FOLDERS_ENABLED;
	assert_int_equal(mapi_aux_build(mem_ctx, &built, 1, &out, &len), 0);
	assert_int_equal(len, sizeof(wire));
	assert_memory_equal(out, wire, sizeof(wire));
	assert_true(mapi_aux_block_equal(&b[0], &built));
	expect_identity(mem_ctx, wire, sizeof(wire));
	talloc_free(mem_ctx);
}

/* Fixed layouts, byte by byte, for a few blocks (2.2.2.2.1, .9, .13, .15, .16, .19). */
static void test_fixed_layouts(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_aux_block b[6];
	uint8_t *out;
	size_t len;
	static const uint8_t want[] = {
		/* AUX_PERF_REQUESTID */
		0x08, 0x00, 0x01, 0x01, 0x34, 0x12, 0x78, 0x56,
		/* AUX_PERF_MDB_SUCCESS */
		0x14, 0x00, 0x01, 0x07, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x04, 0x00,
		0x05, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00,
		/* AUX_PERF_FAILURE (FG) */
		0x1C, 0x00, 0x01, 0x15, 0x01, 0x00, 0x02, 0x00, 0x03, 0x00, 0x04, 0x00,
		0x05, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00, 0x05, 0x40, 0x00, 0x80,
		0x07, 0x00, 0x00, 0x00,
		/* AUX_CLIENT_CONTROL */
		0x0C, 0x00, 0x01, 0x0A, 0x05, 0x00, 0x00, 0x00, 0x60, 0xEA, 0x00, 0x00,
		/* AUX_ENDPOINT_CAPABILITIES */
		0x08, 0x00, 0x01, 0x48, 0x01, 0x00, 0x00, 0x00,
	};

	memset(b, 0, sizeof(b));
	b[0] = (struct mapi_aux_block){ 1, 0x01, MAPI_AUX_PERF_REQUESTID, .u.perf_requestid = {
		0x1234, 0x5678 } };
	b[1] = (struct mapi_aux_block){ 1, 0x07, MAPI_AUX_PERF_MDB_SUCCESS, .u.perf_mdb_success = {
		1, 2, 3, 4, 5, 6 } };
	b[2] = (struct mapi_aux_block){ 1, 0x15, MAPI_AUX_PERF_FAILURE, .u.perf_failure = {
		1, 2, 3, 4, 5, 6, 0x80004005, 7 } };
	b[3] = (struct mapi_aux_block){ 1, 0x0A, MAPI_AUX_CLIENT_CONTROL, .u.client_control = {
		MAPI_AUX_ENABLE_PERF_SENDTOSERVER | MAPI_AUX_ENABLE_COMPRESSION, 60000 } };
	b[4] = (struct mapi_aux_block){ 1, 0x48, MAPI_AUX_ENDPOINT_CAPABILITIES,
		.u.endpoint_capabilities = { MAPI_AUX_ENDPOINT_CAPABILITIES_SINGLE_ENDPOINT } };
	assert_int_equal(mapi_aux_build(mem_ctx, b, 5, &out, &len), 0);
	assert_int_equal(len, sizeof(want));
	assert_memory_equal(out, want, sizeof(want));

	struct mapi_aux_block *p;
	size_t count;

	assert_int_equal(parse(mem_ctx, want, sizeof(want), &p, &count), 0);
	assert_int_equal(count, 5);
	for (size_t i = 0; i < 5; i++) {
		assert_true(mapi_aux_block_equal(&p[i], &b[i]));
	}
	assert_int_equal(p[2].u.perf_failure.result_code, 0x80004005);
	talloc_free(mem_ctx);
}

/* Fixed part sizes from the structure diagrams, header included. */
static void test_fixed_sizes(void **state)
{
	static const struct { uint8_t version, type; size_t size; } rows[] = {
		{ 1, 0x01, 4 + 4 }, { 1, 0x04, 4 + 20 }, { 2, 0x04, 4 + 24 }, { 1, 0x02, 4 + 28 },
		{ 1, 0x03, 4 + 8 }, { 1, 0x0B, 4 + 24 }, { 2, 0x0B, 4 + 24 }, { 1, 0x05, 4 + 12 },
		{ 1, 0x06, 4 + 16 }, { 1, 0x07, 4 + 16 }, { 2, 0x07, 4 + 20 }, { 1, 0x08, 4 + 20 },
		{ 2, 0x08, 4 + 20 }, { 1, 0x09, 4 + 24 }, { 2, 0x09, 4 + 28 }, { 1, 0x0A, 4 + 8 },
		{ 1, 0x16, 4 + 156 }, { 1, 0x17, 4 + 4 }, { 1, 0x18, 4 + 20 }, { 1, 0x48, 4 + 4 },
		{ 1, 0x4A, 4 + 28 }, { 1, 0x4B, 4 + 2 }, { 1, 0x4E, 4 + 10 }, { 1, 0x46, 4 + 4 },
	};
	TALLOC_CTX *mem_ctx = talloc_new(NULL);

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		struct mapi_aux_block b = { .version = rows[i].version, .type = rows[i].type };
		struct mapi_aux_block *p;
		uint8_t *out, buf[300] = { 0 };
		size_t len, count;

		b.kind = mapi_aux_kind_of(b.version, b.type);
		assert_int_equal(mapi_aux_build(mem_ctx, &b, 1, &out, &len), 0);
		assert_int_equal(len, rows[i].size);
		/* one byte short: kept raw; exact: typed */
		buf[0] = (uint8_t)(rows[i].size - 1);
		buf[2] = rows[i].version;
		buf[3] = rows[i].type;
		assert_int_equal(parse(mem_ctx, buf, rows[i].size - 1, &p, &count), 0);
		assert_int_equal(count, 1);
		assert_int_equal(p[0].kind, MAPI_AUX_RAW);
		assert_int_equal(p[0].raw_len, rows[i].size - 5);
		buf[0] = (uint8_t)rows[i].size;
		assert_int_equal(parse(mem_ctx, buf, rows[i].size, &p, &count), 0);
		assert_int_equal(p[0].kind, b.kind);
		/* longer than needed is fine too */
		buf[0] = (uint8_t)(rows[i].size + 8);
		assert_int_equal(parse(mem_ctx, buf, rows[i].size + 8, &p, &count), 0);
		assert_int_equal(p[0].kind, b.kind);
		expect_identity(mem_ctx, buf, rows[i].size + 8);
	}
	talloc_free(mem_ctx);
}

static struct GUID guid_of(uint8_t seed)
{
	uint8_t wire[16];
	struct GUID g;

	for (int i = 0; i < 16; i++) {
		wire[i] = (uint8_t)(seed + i);
	}
	mapi_guid_from_wire(wire, &g);
	return g;
}

/* A block of every kind with every field set, typed build -> parse -> equal -> identity. */
static void test_every_kind_round_trip(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_aux_block b[MAPI_AUX_KIND_COUNT];
	uint8_t ip[4] = { 192, 0, 2, 1 }, mask[4] = { 255, 255, 255, 0 };
	uint8_t mac[6] = { 0x00, 0x15, 0x5D, 0x01, 0x02, 0x03 };
	size_t n = 0;

	memset(b, 0, sizeof(b));
	for (unsigned v = 1; v <= 2; v++) {
		for (unsigned t = 0; t < 256; t++) {
			enum mapi_aux_kind k = mapi_aux_kind_of((uint8_t)v, (uint8_t)t);
			bool seen = false;

			for (size_t i = 0; i < n; i++) {
				seen = seen || b[i].kind == k;
			}
			if (k == MAPI_AUX_RAW || seen) {
				continue;
			}
			b[n].version = (uint8_t)v;
			b[n].type = (uint8_t)t;
			b[n].kind = k;
			/* fill every byte of the union with a pattern, then the pointers */
			memset(&b[n].u, (int)(0x11 * (n % 15 + 1)), sizeof(b[n].u));
			n++;
		}
	}
	assert_int_equal(n, MAPI_AUX_KIND_COUNT - 1);
	for (size_t i = 0; i < n; i++) {
		switch (b[i].kind) {
		case MAPI_AUX_PERF_CLIENTINFO: {
			struct mapi_aux_perf_clientinfo *c = &b[i].u.perf_clientinfo;

			c->machine_name = talloc_strdup(mem_ctx, "WS-0042");
			c->user_name = talloc_strdup(mem_ctx, "J\xc3\xa9r\xc3\xb4me \xe6\x97\xa5");
			c->client_ip = (struct mapi_aux_bytes){ ip, 4 };
			c->client_ip_mask = (struct mapi_aux_bytes){ mask, 4 };
			c->adapter_name = NULL;
			c->mac_address = (struct mapi_aux_bytes){ mac, 6 };
			break;
		}
		case MAPI_AUX_PERF_SERVERINFO:
			b[i].u.perf_serverinfo.server_dn = talloc_strdup(mem_ctx, "/o=Sambex/ou=x");
			b[i].u.perf_serverinfo.server_name = talloc_strdup(mem_ctx, "");
			break;
		case MAPI_AUX_PERF_PROCESSINFO:
			b[i].u.perf_processinfo.process_name =
				talloc_strdup(mem_ctx, "OUTLOOK.EXE");
			b[i].u.perf_processinfo.process_guid = guid_of(7);
			break;
		case MAPI_AUX_CLIENT_CONNECTION_INFO:
			b[i].u.client_connection_info.connection_context_info =
				talloc_strdup(mem_ctx, "ctx \xf0\x9f\x98\x80");
			b[i].u.client_connection_info.connection_guid = guid_of(9);
			break;
		case MAPI_AUX_SERVER_SESSION_INFO:
			b[i].u.server_session_info.server_session_context_info =
				talloc_strdup(mem_ctx, "server-session");
			break;
		case MAPI_AUX_PROTOCOL_DEVICE_IDENTIFICATION: {
			struct mapi_aux_protocol_device_identification *d =
				&b[i].u.protocol_device_identification;

			d->device_manufacturer = talloc_strdup(mem_ctx, "Contoso");
			d->device_model = NULL;
			d->device_serial_number = talloc_strdup(mem_ctx, "SN-1");
			d->device_version = talloc_strdup(mem_ctx, "");
			d->device_firmware_version = talloc_strdup(mem_ctx, "1.0");
			break;
		}
		case MAPI_AUX_PERF_SESSIONINFO:
			b[i].u.perf_sessioninfo.session_guid = guid_of(1);
			break;
		case MAPI_AUX_PERF_SESSIONINFO_V2:
			b[i].u.perf_sessioninfo_v2.session_guid = guid_of(2);
			break;
		case MAPI_AUX_PERF_ACCOUNTINFO:
			b[i].u.perf_accountinfo.account = guid_of(3);
			break;
		default:
			break;
		}
	}
	uint8_t *out, *again;
	size_t len, count, again_len;
	struct mapi_aux_block *p;

	assert_int_equal(mapi_aux_build(mem_ctx, b, n, &out, &len), 0);
	assert_int_equal(parse(mem_ctx, out, len, &p, &count), 0);
	assert_int_equal(count, n);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(p[i].kind, b[i].kind);
		assert_true(mapi_aux_block_equal(&p[i], &b[i]));
	}
	assert_int_equal(mapi_aux_build(mem_ctx, p, count, &again, &again_len), 0);
	assert_int_equal(again_len, len);
	assert_memory_equal(again, out, len);
	/* typed re-encoding of the parsed blocks is canonical too */
	for (size_t i = 0; i < count; i++) {
		p[i].raw = NULL;
	}
	assert_int_equal(mapi_aux_build(mem_ctx, p, count, &again, &again_len), 0);
	assert_int_equal(again_len, len);
	assert_memory_equal(again, out, len);
	talloc_free(mem_ctx);
}

/* AUX_PERF_CLIENTINFO strings and bytes land where their offsets say (2.2.2.2.4). */
static void test_clientinfo_offsets(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	uint8_t ip[4] = { 10, 1, 2, 3 };
	struct mapi_aux_block b = { .version = 1, .type = 2, .kind = MAPI_AUX_PERF_CLIENTINFO };
	uint8_t *out;
	size_t len;

	b.u.perf_clientinfo.machine_name = talloc_strdup(mem_ctx, "PC");
	b.u.perf_clientinfo.client_ip = (struct mapi_aux_bytes){ ip, 4 };
	b.u.perf_clientinfo.client_mode = 2;
	assert_int_equal(mapi_aux_build(mem_ctx, &b, 1, &out, &len), 0);
	assert_int_equal(len, 32 + 6 + 4);
	assert_int_equal(out[0], 42);
	assert_int_equal(out[4 + 6], 32);		/* MachineNameOffset */
	assert_int_equal(out[4 + 8], 0);		/* UserNameOffset: null */
	assert_int_equal(out[4 + 10], 4);		/* ClientIPSize */
	assert_int_equal(out[4 + 12], 38);		/* ClientIPOffset */
	assert_int_equal(out[4 + 24], 2);		/* ClientMode */
	assert_memory_equal(out + 32, "P\0C\0\0\0", 6);
	assert_memory_equal(out + 38, ip, 4);
	talloc_free(mem_ctx);
}

/* Bad offsets and strings: the block is kept raw, the parse still succeeds. */
static void test_malformed_kept_raw(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	/* AUX_SERVER_SESSION_INFO: header + offset + string */
	uint8_t good[] = { 0x0C, 0x00, 0x01, 0x4B, 0x06, 0x00, 'h', 0, 'i', 0, 0, 0 };
	uint8_t buf[sizeof(good)];
	struct mapi_aux_block *p;
	size_t count;
	static const struct { size_t at; uint8_t value; } breaks[] = {
		{ 4, 0x0C },	/* offset at the end of the block */
		{ 4, 0xFF },	/* offset past the block */
		{ 4, 0x02 },	/* offset inside the AUX_HEADER */
		{ 10, 'x' },	/* no terminator */
		{ 7, 0xDC },	/* lone low surrogate */
	};

	assert_int_equal(parse(mem_ctx, good, sizeof(good), &p, &count), 0);
	assert_int_equal(p[0].kind, MAPI_AUX_SERVER_SESSION_INFO);
	assert_string_equal(p[0].u.server_session_info.server_session_context_info, "hi");
	for (size_t i = 0; i < sizeof(breaks) / sizeof(breaks[0]); i++) {
		memcpy(buf, good, sizeof(good));
		buf[breaks[i].at] = breaks[i].value;
		assert_int_equal(parse(mem_ctx, buf, sizeof(buf), &p, &count), 0);
		assert_int_equal(count, 1);
		assert_int_equal(p[0].kind, MAPI_AUX_RAW);
		assert_null(p[0].u.server_session_info.server_session_context_info);
		expect_identity(mem_ctx, buf, sizeof(buf));
	}
	/* an offset of zero is a null string, not an error */
	memcpy(buf, good, sizeof(good));
	buf[4] = 0;
	assert_int_equal(parse(mem_ctx, buf, sizeof(buf), &p, &count), 0);
	assert_int_equal(p[0].kind, MAPI_AUX_SERVER_SESSION_INFO);
	assert_null(p[0].u.server_session_info.server_session_context_info);
	/* odd offset: the string is read from there */
	uint8_t odd[] = { 0x0D, 0x00, 0x01, 0x4B, 0x07, 0x00, 0xEE, 'o', 0, 'k', 0, 0, 0 };

	assert_int_equal(parse(mem_ctx, odd, sizeof(odd), &p, &count), 0);
	assert_int_equal(p[0].kind, MAPI_AUX_SERVER_SESSION_INFO);
	assert_string_equal(p[0].u.server_session_info.server_session_context_info, "ok");
	/* bytes past the block: ClientIPSize 200 */
	uint8_t ci[32] = { 32, 0, 1, 2 };

	ci[4 + 10] = 200;
	ci[4 + 12] = 8;
	assert_int_equal(parse(mem_ctx, ci, sizeof(ci), &p, &count), 0);
	assert_int_equal(p[0].kind, MAPI_AUX_RAW);
	ci[4 + 10] = 24;
	assert_int_equal(parse(mem_ctx, ci, sizeof(ci), &p, &count), 0);
	assert_int_equal(p[0].kind, MAPI_AUX_PERF_CLIENTINFO);
	assert_int_equal(p[0].u.perf_clientinfo.client_ip.length, 24);
	talloc_free(mem_ctx);
}

static void test_unknown_kept_raw(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	static const uint8_t wire[] = {
		0x06, 0x00, 0x03, 0x01, 0xAA, 0xBB,	/* version 3 */
		0x04, 0x00, 0x01, 0x99,			/* unknown type, empty body */
		0x08, 0x00, 0x02, 0x01, 1, 2, 3, 4,	/* type 1 has no version-2 structure */
		0x08, 0x00, 0x01, 0x17, 0x00, 0x00, 0x00, 0x00,
	};
	struct mapi_aux_block *p;
	size_t count;

	assert_int_equal(parse(mem_ctx, wire, sizeof(wire), &p, &count), 0);
	assert_int_equal(count, 4);
	assert_int_equal(p[0].kind, MAPI_AUX_RAW);
	assert_int_equal(p[0].raw_len, 2);
	assert_memory_equal(p[0].raw, "\xAA\xBB", 2);
	assert_int_equal(p[1].kind, MAPI_AUX_RAW);
	assert_int_equal(p[1].raw_len, 0);
	assert_int_equal(p[2].kind, MAPI_AUX_RAW);
	assert_int_equal(p[3].kind, MAPI_AUX_EXORGINFO);
	expect_identity(mem_ctx, wire, sizeof(wire));
	talloc_free(mem_ctx);
}

static void test_framing_errors(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	uint8_t wire[] = { 0x08, 0x00, 0x01, 0x17, 0x01, 0x00, 0x00, 0x00, 0x04, 0x00, 0x01, 0x99 };
	struct mapi_aux_block *p;
	size_t count = 99;

	assert_int_equal(parse(mem_ctx, wire, 0, &p, &count), 0);
	assert_int_equal(count, 0);
	assert_non_null(p);
	for (size_t cut = 1; cut < sizeof(wire); cut++) {
		uint32_t ret = parse(mem_ctx, wire, cut, &p, &count);

		assert_int_equal(ret, cut == 8 ? 0 : FORMAT);
	}
	assert_int_equal(parse(mem_ctx, wire, sizeof(wire), &p, &count), 0);
	for (uint8_t size = 0; size < 4; size++) {	/* Size under the header's own 4 */
		wire[8] = size;
		assert_int_equal(parse(mem_ctx, wire, sizeof(wire), &p, &count), FORMAT);
	}
	wire[8] = 5;	/* past the end */
	assert_int_equal(parse(mem_ctx, wire, sizeof(wire), &p, &count), FORMAT);
	talloc_free(mem_ctx);
}

static void test_build_errors(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct mapi_aux_block b = { .version = 1, .type = 0x17, .kind = MAPI_AUX_CLIENT_CONTROL };
	uint8_t *out, *big = talloc_zero_array(mem_ctx, uint8_t, 0x10000);
	size_t len;

	assert_int_equal(mapi_aux_build(mem_ctx, &b, 1, &out, &len), EINVALID);
	assert_null(out);
	b.kind = (enum mapi_aux_kind)77;
	assert_int_equal(mapi_aux_build(mem_ctx, &b, 1, &out, &len), EINVALID);
	b = (struct mapi_aux_block){ .version = 1, .type = 0x4B,
				     .kind = MAPI_AUX_SERVER_SESSION_INFO };
	b.u.server_session_info.server_session_context_info = (char *)"bad \xff utf-8";
	assert_int_equal(mapi_aux_build(mem_ctx, &b, 1, &out, &len), EINVALID);
	b = (struct mapi_aux_block){ .version = 9, .type = 9, .raw = big, .raw_len = 0xFFFB };
	assert_int_equal(mapi_aux_build(mem_ctx, &b, 1, &out, &len), 0);
	assert_int_equal(len, 0xFFFF);
	b.raw_len = 0xFFFC;
	assert_int_equal(mapi_aux_build(mem_ctx, &b, 1, &out, &len), EINVALID);
	/* raw with kind RAW and no bytes: an empty body */
	b = (struct mapi_aux_block){ .version = 5, .type = 5 };
	assert_int_equal(mapi_aux_build(mem_ctx, &b, 1, &out, &len), 0);
	assert_int_equal(len, 4);
	assert_memory_equal(out, "\x04\x00\x05\x05", 4);
	assert_int_equal(mapi_aux_build(mem_ctx, NULL, 0, &out, &len), 0);
	assert_int_equal(len, 0);
	assert_non_null(out);
	talloc_free(mem_ctx);
}

static void test_block_equal(void **state)
{
	struct mapi_aux_block a = { .version = 1, .type = 0x0A, .kind = MAPI_AUX_CLIENT_CONTROL,
				    .u.client_control = { 1, 2 } };
	struct mapi_aux_block b = a;
	uint8_t r1[2] = { 1, 2 }, r2[2] = { 1, 3 };

	assert_true(mapi_aux_block_equal(&a, &b));
	b.u.client_control.expiry_time = 3;
	assert_false(mapi_aux_block_equal(&a, &b));
	b = a;
	b.type = 0x0B;
	assert_false(mapi_aux_block_equal(&a, &b));
	a = (struct mapi_aux_block){ .version = 7, .raw = r1, .raw_len = 2 };
	b = a;
	assert_true(mapi_aux_block_equal(&a, &b));
	b.raw = r2;
	assert_false(mapi_aux_block_equal(&a, &b));
	b.raw_len = 1;
	assert_false(mapi_aux_block_equal(&a, &b));
}

/* Random payloads: parse never crashes, and whatever parses rebuilds byte for byte. */
static void test_garbage(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	uint8_t buf[400];

	for (int i = 0; i < 5000; i++) {
		TALLOC_CTX *tmp = talloc_new(mem_ctx);
		size_t len = rng() % sizeof(buf), pos = 0;
		struct mapi_aux_block *p;
		size_t count;

		for (size_t j = 0; j < len; j++) {
			buf[j] = (uint8_t)rng();
		}
		/* mostly well-framed: random bodies behind plausible headers */
		while (i % 3 != 0 && len - pos >= 4) {
			size_t size = 4 + rng() % 60;

			if (size > len - pos) {
				size = len - pos;
			}
			buf[pos] = (uint8_t)size;
			buf[pos + 1] = 0;
			buf[pos + 2] = (uint8_t)(1 + rng() % 2);
			buf[pos + 3] = (uint8_t)(rng() % 0x1A);
			pos += size;
		}
		uint32_t ret = parse(tmp, buf, len, &p, &count);

		assert_true(ret == 0 || ret == FORMAT);
		if (ret == 0) {
			expect_identity(tmp, buf, len);
		}
		talloc_free(tmp);
	}
	talloc_free(mem_ctx);
}

/* Two offsets may point at one string (the spec does not forbid it): both read it; a typed
 * re-encoding writes it twice and still reads back equal. */
static void test_shared_string_offsets(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	/* AUX_PERF_SERVERINFO, ServerDN and ServerName both at offset 12 */
	static const uint8_t wire[] = { 0x10, 0x00, 0x01, 0x03, 0x01, 0x00, 0x02, 0x00,
					0x0C, 0x00, 0x0C, 0x00, 'X', 0, 0, 0 };
	struct mapi_aux_block *p, *q;
	size_t count, len;
	uint8_t *out;

	assert_int_equal(parse(mem_ctx, wire, sizeof(wire), &p, &count), 0);
	assert_int_equal(p[0].kind, MAPI_AUX_PERF_SERVERINFO);
	assert_string_equal(p[0].u.perf_serverinfo.server_dn, "X");
	assert_string_equal(p[0].u.perf_serverinfo.server_name, "X");
	p[0].raw = NULL;
	assert_int_equal(mapi_aux_build(mem_ctx, p, 1, &out, &len), 0);
	assert_int_equal(len, sizeof(wire) + 4);
	assert_int_equal(parse(mem_ctx, out, len, &q, &count), 0);
	assert_true(mapi_aux_block_equal(&p[0], &q[0]));
	talloc_free(mem_ctx);
}

/* Strings may sit before the fixed fields end (an offset into the fixed part) or be empty. */
static void test_odd_string_places(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	/* AUX_SERVER_SESSION_INFO whose offset points at its own offset field: bytes 04 00 are
	 * U+0004, then the terminator */
	static const uint8_t self[] = { 0x08, 0x00, 0x01, 0x4B, 0x04, 0x00, 0x00, 0x00 };
	static const uint8_t empty[] = { 0x08, 0x00, 0x01, 0x4B, 0x06, 0x00, 0x00, 0x00 };
	struct mapi_aux_block *p;
	size_t count;

	assert_int_equal(parse(mem_ctx, self, sizeof(self), &p, &count), 0);
	assert_int_equal(p[0].kind, MAPI_AUX_SERVER_SESSION_INFO);
	assert_string_equal(p[0].u.server_session_info.server_session_context_info, "\x04");
	assert_int_equal(parse(mem_ctx, empty, sizeof(empty), &p, &count), 0);
	assert_int_equal(p[0].kind, MAPI_AUX_SERVER_SESSION_INFO);
	assert_string_equal(p[0].u.server_session_info.server_session_context_info, "");
	talloc_free(mem_ctx);
}

/* Reserved fields are ignored on read (3.1.4.1.2.2) and written as zero. */
static void test_reserved_ignored(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	uint8_t wire[24] = { 24, 0, 1, 4, 0x34, 0x12, 0xEE, 0xFF };
	struct mapi_aux_block *p, *q;
	size_t count, len;
	uint8_t *out;

	for (int i = 8; i < 24; i++) {
		wire[i] = (uint8_t)i;
	}
	assert_int_equal(parse(mem_ctx, wire, sizeof(wire), &p, &count), 0);
	assert_int_equal(p[0].kind, MAPI_AUX_PERF_SESSIONINFO);
	assert_int_equal(p[0].u.perf_sessioninfo.session_id, 0x1234);
	p[0].raw = NULL;
	assert_int_equal(mapi_aux_build(mem_ctx, p, 1, &out, &len), 0);
	assert_int_equal(len, 24);
	assert_int_equal(out[6], 0);
	assert_int_equal(out[7], 0);
	assert_memory_equal(out + 8, wire + 8, 16);
	assert_int_equal(parse(mem_ctx, out, len, &q, &count), 0);
	assert_true(mapi_aux_block_equal(&p[0], &q[0]));
	talloc_free(mem_ctx);
}

/* A full 0x1008-byte rgbAuxIn worth of small blocks. */
static void test_many_blocks(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	uint8_t wire[0x1000];
	struct mapi_aux_block *p;
	size_t count;

	for (size_t i = 0; i < sizeof(wire); i += 8) {
		static const uint8_t blk[8] = { 8, 0, 1, 1, 1, 0, 2, 0 };

		memcpy(wire + i, blk, 8);
		wire[i + 4] = (uint8_t)(i / 8);
	}
	assert_int_equal(parse(mem_ctx, wire, sizeof(wire), &p, &count), 0);
	assert_int_equal(count, sizeof(wire) / 8);
	for (size_t i = 0; i < count; i++) {
		assert_int_equal(p[i].kind, MAPI_AUX_PERF_REQUESTID);
		assert_int_equal(p[i].u.perf_requestid.session_id, i & 0xFF);
	}
	expect_identity(mem_ctx, wire, sizeof(wire));
	talloc_free(mem_ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kind_table),
		cmocka_unit_test(test_spec_exorginfo),
		cmocka_unit_test(test_fixed_layouts),
		cmocka_unit_test(test_fixed_sizes),
		cmocka_unit_test(test_every_kind_round_trip),
		cmocka_unit_test(test_clientinfo_offsets),
		cmocka_unit_test(test_malformed_kept_raw),
		cmocka_unit_test(test_unknown_kept_raw),
		cmocka_unit_test(test_framing_errors),
		cmocka_unit_test(test_build_errors),
		cmocka_unit_test(test_block_equal),
		cmocka_unit_test(test_garbage),
		cmocka_unit_test(test_shared_string_offsets),
		cmocka_unit_test(test_odd_string_places),
		cmocka_unit_test(test_reserved_ignored),
		cmocka_unit_test(test_many_blocks),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
