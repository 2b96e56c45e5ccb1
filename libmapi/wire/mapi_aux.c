/*
 * Auxiliary buffers (MS-OXCRPC 2.2.2.2): AUX_HEADER framing and the block structures of
 * 2.2.2.2.1 - 2.2.2.2.22. Each structure is described once, as a list of fields (size, kind and
 * place in the C struct); one reader, one writer and one comparison walk those lists, so a
 * structure cannot be read one way and written another.
 */
#include <errno.h>
#include <stddef.h>
#include <string.h>

#include "mapi_le.h"
#include "mapi_aux.h"
#include "mapi_aux_layout.h"
#include "mapi_utf16.h"

#define F(op, s, m) { MAPI_AUX_OP_##op, 0, offsetof(struct s, m) }
#define SKIP(n) { MAPI_AUX_OP_SKIP, n, 0 }
#define END { MAPI_AUX_OP_END, 0, 0 }

/* 2.2.2.2.1 */
static const struct mapi_aux_field requestid[] = {
	F(U16, mapi_aux_perf_requestid, session_id),
	F(U16, mapi_aux_perf_requestid, request_id), END };
/* 2.2.2.2.2 */
static const struct mapi_aux_field sessioninfo[] = {
	F(U16, mapi_aux_perf_sessioninfo, session_id), SKIP(2),
	F(GUID, mapi_aux_perf_sessioninfo, session_guid), END };
/* 2.2.2.2.3 */
static const struct mapi_aux_field sessioninfo_v2[] = {
	F(U16, mapi_aux_perf_sessioninfo_v2, session_id), SKIP(2),
	F(GUID, mapi_aux_perf_sessioninfo_v2, session_guid),
	F(U32, mapi_aux_perf_sessioninfo_v2, connection_id), END };
/* 2.2.2.2.4 */
static const struct mapi_aux_field clientinfo[] = {
	F(U32, mapi_aux_perf_clientinfo, adapter_speed),
	F(U16, mapi_aux_perf_clientinfo, client_id),
	F(STR, mapi_aux_perf_clientinfo, machine_name),
	F(STR, mapi_aux_perf_clientinfo, user_name),
	F(BYTES, mapi_aux_perf_clientinfo, client_ip),
	F(BYTES, mapi_aux_perf_clientinfo, client_ip_mask),
	F(STR, mapi_aux_perf_clientinfo, adapter_name),
	F(BYTES, mapi_aux_perf_clientinfo, mac_address),
	F(U16, mapi_aux_perf_clientinfo, client_mode), SKIP(2), END };
/* 2.2.2.2.5 */
static const struct mapi_aux_field serverinfo[] = {
	F(U16, mapi_aux_perf_serverinfo, server_id),
	F(U16, mapi_aux_perf_serverinfo, server_type),
	F(STR, mapi_aux_perf_serverinfo, server_dn),
	F(STR, mapi_aux_perf_serverinfo, server_name), END };
/* 2.2.2.2.6 */
static const struct mapi_aux_field processinfo[] = {
	F(U16, mapi_aux_perf_processinfo, process_id), SKIP(2),
	F(GUID, mapi_aux_perf_processinfo, process_guid),
	F(STR, mapi_aux_perf_processinfo, process_name), SKIP(2), END };
/* 2.2.2.2.7 */
static const struct mapi_aux_field defmdb_success[] = {
	F(U32, mapi_aux_perf_defmdb_success, time_since_request),
	F(U32, mapi_aux_perf_defmdb_success, time_to_complete_request),
	F(U16, mapi_aux_perf_defmdb_success, request_id), SKIP(2), END };
/* 2.2.2.2.8 */
static const struct mapi_aux_field defgc_success[] = {
	F(U16, mapi_aux_perf_defgc_success, server_id),
	F(U16, mapi_aux_perf_defgc_success, session_id),
	F(U32, mapi_aux_perf_defgc_success, time_since_request),
	F(U32, mapi_aux_perf_defgc_success, time_to_complete_request),
	F(U8, mapi_aux_perf_defgc_success, request_operation), SKIP(3), END };
/* 2.2.2.2.9 */
static const struct mapi_aux_field mdb_success[] = {
	F(U16, mapi_aux_perf_mdb_success, client_id),
	F(U16, mapi_aux_perf_mdb_success, server_id),
	F(U16, mapi_aux_perf_mdb_success, session_id),
	F(U16, mapi_aux_perf_mdb_success, request_id),
	F(U32, mapi_aux_perf_mdb_success, time_since_request),
	F(U32, mapi_aux_perf_mdb_success, time_to_complete_request), END };
/* 2.2.2.2.10 */
static const struct mapi_aux_field mdb_success_v2[] = {
	F(U16, mapi_aux_perf_mdb_success_v2, process_id),
	F(U16, mapi_aux_perf_mdb_success_v2, client_id),
	F(U16, mapi_aux_perf_mdb_success_v2, server_id),
	F(U16, mapi_aux_perf_mdb_success_v2, session_id),
	F(U16, mapi_aux_perf_mdb_success_v2, request_id), SKIP(2),
	F(U32, mapi_aux_perf_mdb_success_v2, time_since_request),
	F(U32, mapi_aux_perf_mdb_success_v2, time_to_complete_request), END };
/* 2.2.2.2.11 */
static const struct mapi_aux_field gc_success[] = {
	F(U16, mapi_aux_perf_gc_success, client_id),
	F(U16, mapi_aux_perf_gc_success, server_id),
	F(U16, mapi_aux_perf_gc_success, session_id), SKIP(2),
	F(U32, mapi_aux_perf_gc_success, time_since_request),
	F(U32, mapi_aux_perf_gc_success, time_to_complete_request),
	F(U8, mapi_aux_perf_gc_success, request_operation), SKIP(3), END };
/* 2.2.2.2.12 */
static const struct mapi_aux_field gc_success_v2[] = {
	F(U16, mapi_aux_perf_gc_success_v2, process_id),
	F(U16, mapi_aux_perf_gc_success_v2, client_id),
	F(U16, mapi_aux_perf_gc_success_v2, server_id),
	F(U16, mapi_aux_perf_gc_success_v2, session_id),
	F(U32, mapi_aux_perf_gc_success_v2, time_since_request),
	F(U32, mapi_aux_perf_gc_success_v2, time_to_complete_request),
	F(U8, mapi_aux_perf_gc_success_v2, request_operation), SKIP(3), END };
/* 2.2.2.2.13 */
static const struct mapi_aux_field failure[] = {
	F(U16, mapi_aux_perf_failure, client_id),
	F(U16, mapi_aux_perf_failure, server_id),
	F(U16, mapi_aux_perf_failure, session_id),
	F(U16, mapi_aux_perf_failure, request_id),
	F(U32, mapi_aux_perf_failure, time_since_request),
	F(U32, mapi_aux_perf_failure, time_to_fail_request),
	F(U32, mapi_aux_perf_failure, result_code),
	F(U8, mapi_aux_perf_failure, request_operation), SKIP(3), END };
/* 2.2.2.2.14 */
static const struct mapi_aux_field failure_v2[] = {
	F(U16, mapi_aux_perf_failure_v2, process_id),
	F(U16, mapi_aux_perf_failure_v2, client_id),
	F(U16, mapi_aux_perf_failure_v2, server_id),
	F(U16, mapi_aux_perf_failure_v2, session_id),
	F(U16, mapi_aux_perf_failure_v2, request_id), SKIP(2),
	F(U32, mapi_aux_perf_failure_v2, time_since_request),
	F(U32, mapi_aux_perf_failure_v2, time_to_fail_request),
	F(U32, mapi_aux_perf_failure_v2, result_code),
	F(U8, mapi_aux_perf_failure_v2, request_operation), SKIP(3), END };
/* 2.2.2.2.15 */
static const struct mapi_aux_field client_control[] = {
	F(U32, mapi_aux_client_control, enable_flags),
	F(U32, mapi_aux_client_control, expiry_time), END };
/* 2.2.2.2.16 */
static const struct mapi_aux_field osversioninfo[] = {
	F(U32, mapi_aux_osversioninfo, os_version_info_size),
	F(U32, mapi_aux_osversioninfo, major_version),
	F(U32, mapi_aux_osversioninfo, minor_version),
	F(U32, mapi_aux_osversioninfo, build_number), SKIP(132),
	F(U16, mapi_aux_osversioninfo, service_pack_major),
	F(U16, mapi_aux_osversioninfo, service_pack_minor), SKIP(4), END };
/* 2.2.2.2.17 */
static const struct mapi_aux_field exorginfo[] = {
	F(U32, mapi_aux_exorginfo, org_flags), END };
/* 2.2.2.2.18 */
static const struct mapi_aux_field accountinfo[] = {
	F(U16, mapi_aux_perf_accountinfo, client_id), SKIP(2),
	F(GUID, mapi_aux_perf_accountinfo, account), END };
/* 2.2.2.2.19 */
static const struct mapi_aux_field endpoint_capabilities[] = {
	F(U32, mapi_aux_endpoint_capabilities, endpoint_capability_flags), END };
/* 2.2.2.2.20 */
static const struct mapi_aux_field client_connection_info[] = {
	F(GUID, mapi_aux_client_connection_info, connection_guid),
	F(STR, mapi_aux_client_connection_info, connection_context_info), SKIP(2),
	F(U32, mapi_aux_client_connection_info, connection_attempts),
	F(U32, mapi_aux_client_connection_info, connection_flags), END };
/* 2.2.2.2.21 */
static const struct mapi_aux_field server_session_info[] = {
	F(STR, mapi_aux_server_session_info, server_session_context_info), END };
/* MS-OXCRPC v23 2.2.2.2.19 (R291002: ServerCapabilityFlags, 4 bytes) */
static const struct mapi_aux_field server_capabilities[] = {
	F(U32, mapi_aux_server_capabilities, server_capability_flags), END };
/* 2.2.2.2.22 */
static const struct mapi_aux_field device_identification[] = {
	F(STR, mapi_aux_protocol_device_identification, device_manufacturer),
	F(STR, mapi_aux_protocol_device_identification, device_model),
	F(STR, mapi_aux_protocol_device_identification, device_serial_number),
	F(STR, mapi_aux_protocol_device_identification, device_version),
	F(STR, mapi_aux_protocol_device_identification, device_firmware_version), END };

const struct mapi_aux_layout mapi_aux_layouts[MAPI_AUX_KIND_COUNT] = {
	[MAPI_AUX_RAW] = { "raw", NULL },
	[MAPI_AUX_PERF_REQUESTID] = { "AUX_PERF_REQUESTID", requestid },
	[MAPI_AUX_PERF_SESSIONINFO] = { "AUX_PERF_SESSIONINFO", sessioninfo },
	[MAPI_AUX_PERF_SESSIONINFO_V2] = { "AUX_PERF_SESSIONINFO_V2", sessioninfo_v2 },
	[MAPI_AUX_PERF_CLIENTINFO] = { "AUX_PERF_CLIENTINFO", clientinfo },
	[MAPI_AUX_PERF_SERVERINFO] = { "AUX_PERF_SERVERINFO", serverinfo },
	[MAPI_AUX_PERF_PROCESSINFO] = { "AUX_PERF_PROCESSINFO", processinfo },
	[MAPI_AUX_PERF_DEFMDB_SUCCESS] = { "AUX_PERF_DEFMDB_SUCCESS", defmdb_success },
	[MAPI_AUX_PERF_DEFGC_SUCCESS] = { "AUX_PERF_DEFGC_SUCCESS", defgc_success },
	[MAPI_AUX_PERF_MDB_SUCCESS] = { "AUX_PERF_MDB_SUCCESS", mdb_success },
	[MAPI_AUX_PERF_MDB_SUCCESS_V2] = { "AUX_PERF_MDB_SUCCESS_V2", mdb_success_v2 },
	[MAPI_AUX_PERF_GC_SUCCESS] = { "AUX_PERF_GC_SUCCESS", gc_success },
	[MAPI_AUX_PERF_GC_SUCCESS_V2] = { "AUX_PERF_GC_SUCCESS_V2", gc_success_v2 },
	[MAPI_AUX_PERF_FAILURE] = { "AUX_PERF_FAILURE", failure },
	[MAPI_AUX_PERF_FAILURE_V2] = { "AUX_PERF_FAILURE_V2", failure_v2 },
	[MAPI_AUX_CLIENT_CONTROL] = { "AUX_CLIENT_CONTROL", client_control },
	[MAPI_AUX_OSVERSIONINFO] = { "AUX_OSVERSIONINFO", osversioninfo },
	[MAPI_AUX_EXORGINFO] = { "AUX_EXORGINFO", exorginfo },
	[MAPI_AUX_PERF_ACCOUNTINFO] = { "AUX_PERF_ACCOUNTINFO", accountinfo },
	[MAPI_AUX_ENDPOINT_CAPABILITIES] = { "AUX_ENDPOINT_CAPABILITIES", endpoint_capabilities },
	[MAPI_AUX_CLIENT_CONNECTION_INFO] = { "AUX_CLIENT_CONNECTION_INFO",
					     client_connection_info },
	[MAPI_AUX_SERVER_SESSION_INFO] = { "AUX_SERVER_SESSION_INFO", server_session_info },
	[MAPI_AUX_PROTOCOL_DEVICE_IDENTIFICATION] = { "AUX_PROTOCOL_DEVICE_IDENTIFICATION",
						      device_identification },
	[MAPI_AUX_SERVER_CAPABILITIES] = { "AUX_SERVER_CAPABILITIES", server_capabilities },
};

/* 2.2.2.2: the two Type tables, AUX_VERSION_1 and AUX_VERSION_2. */
static enum mapi_aux_kind kind_v1(uint8_t type)
{
	switch (type) {
	case 0x01: return MAPI_AUX_PERF_REQUESTID;
	case 0x02: return MAPI_AUX_PERF_CLIENTINFO;
	case 0x03: return MAPI_AUX_PERF_SERVERINFO;
	case 0x04: return MAPI_AUX_PERF_SESSIONINFO;
	case 0x05: case 0x0C: case 0x11: return MAPI_AUX_PERF_DEFMDB_SUCCESS;
	case 0x06: case 0x0D: case 0x12: return MAPI_AUX_PERF_DEFGC_SUCCESS;
	case 0x07: case 0x0E: case 0x13: return MAPI_AUX_PERF_MDB_SUCCESS;
	case 0x08: case 0x0F: case 0x14: return MAPI_AUX_PERF_GC_SUCCESS;
	case 0x09: case 0x10: case 0x15: return MAPI_AUX_PERF_FAILURE;
	case 0x0A: return MAPI_AUX_CLIENT_CONTROL;
	case 0x0B: return MAPI_AUX_PERF_PROCESSINFO;
	case 0x16: return MAPI_AUX_OSVERSIONINFO;
	case 0x17: return MAPI_AUX_EXORGINFO;
	case 0x18: return MAPI_AUX_PERF_ACCOUNTINFO;
	case 0x46: return MAPI_AUX_SERVER_CAPABILITIES;
	case 0x48: return MAPI_AUX_ENDPOINT_CAPABILITIES;
	case 0x4A: return MAPI_AUX_CLIENT_CONNECTION_INFO;
	case 0x4B: return MAPI_AUX_SERVER_SESSION_INFO;
	case 0x4E: return MAPI_AUX_PROTOCOL_DEVICE_IDENTIFICATION;
	default: return MAPI_AUX_RAW;
	}
}

static enum mapi_aux_kind kind_v2(uint8_t type)
{
	switch (type) {
	case 0x04: return MAPI_AUX_PERF_SESSIONINFO_V2;
	case 0x07: case 0x0E: case 0x13: return MAPI_AUX_PERF_MDB_SUCCESS_V2;
	case 0x08: case 0x0F: case 0x14: return MAPI_AUX_PERF_GC_SUCCESS_V2;
	case 0x09: case 0x10: case 0x15: return MAPI_AUX_PERF_FAILURE_V2;
	case 0x0B: return MAPI_AUX_PERF_PROCESSINFO;
	default: return MAPI_AUX_RAW;
	}
}

enum mapi_aux_kind mapi_aux_kind_of(uint8_t version, uint8_t type)
{
	if (version == MAPI_AUX_VERSION_1) {
		return kind_v1(type);
	}
	if (version == MAPI_AUX_VERSION_2) {
		return kind_v2(type);
	}
	return MAPI_AUX_RAW;
}

const char *mapi_aux_kind_name(enum mapi_aux_kind kind)
{
	if ((unsigned)kind >= MAPI_AUX_KIND_COUNT) {
		return "raw";
	}
	return mapi_aux_layouts[kind].name;
}

/* ---------------------------------------------------------------- reading */

struct aux_reader {
	TALLOC_CTX *mem_ctx;
	struct mapi_utf16_conv *conv;	/* opened on the first string */
	const uint8_t *block;		/* at the AUX_HEADER: offsets count from there */
	size_t size;			/* AUX_HEADER Size */
	size_t pos;
};

/* 0: ok; 1: malformed (the block stays raw); -1: out of memory. */
static int read_string(struct aux_reader *r, uint16_t offset, char **out_r)
{
	size_t end, len;

	*out_r = NULL;
	if (offset == 0) {
		return 0;
	}
	if (offset < MAPI_AUX_HEADER_SIZE || offset >= r->size) {
		return 1;
	}
	for (end = offset; end + 1 < r->size; end += 2) {
		if (r->block[end] == 0 && r->block[end + 1] == 0) {
			break;
		}
	}
	if (end + 1 >= r->size) {
		return 1;	/* no terminator inside the block */
	}
	if (r->conv == NULL) {
		r->conv = mapi_utf16_conv_new(r->mem_ctx);
		if (r->conv == NULL) {
			return -1;
		}
	}
	int ret = mapi_utf16_to_utf8(r->conv, r->mem_ctx, r->block + offset, end - offset, out_r,
				     &len);

	return ret == 0 ? 0 : ret == ENOMEM ? -1 : 1;
}

static int read_bytes(struct aux_reader *r, uint16_t size, uint16_t offset,
		      struct mapi_aux_bytes *out)
{
	out->data = NULL;
	out->length = 0;
	if (offset == 0) {
		return 0;
	}
	if (offset < MAPI_AUX_HEADER_SIZE || (size_t)offset + size > r->size) {
		return 1;
	}
	out->data = talloc_array(r->mem_ctx, uint8_t, size);
	if (out->data == NULL) {
		return -1;
	}
	memcpy(out->data, r->block + offset, size);
	out->length = size;
	return 0;
}

static int read_field(struct aux_reader *r, const struct mapi_aux_field *f, uint8_t *base)
{
	const uint8_t *p = r->block + r->pos;
	void *dst = base + f->at;

	switch (f->op) {
	case MAPI_AUX_OP_U8: *(uint8_t *)dst = p[0]; return 0;
	case MAPI_AUX_OP_U16: *(uint16_t *)dst = mapi_le16_get(p); return 0;
	case MAPI_AUX_OP_U32: *(uint32_t *)dst = mapi_le32_get(p); return 0;
	case MAPI_AUX_OP_GUID: mapi_guid_from_wire(p, dst); return 0;
	case MAPI_AUX_OP_STR: return read_string(r, mapi_le16_get(p), dst);
	case MAPI_AUX_OP_BYTES: return read_bytes(r, mapi_le16_get(p), mapi_le16_get(p + 2), dst);
	default: return 0;
	}
}

/* Decodes the typed body of one block; 0 ok, 1 malformed, -1 out of memory. */
static int read_typed(struct aux_reader *r, enum mapi_aux_kind kind, struct mapi_aux_block *b)
{
	const struct mapi_aux_field *f;

	for (f = mapi_aux_layouts[kind].fields; f->op != MAPI_AUX_OP_END; f++) {
		size_t n = mapi_aux_field_size(f);
		int ret;

		if (r->size - r->pos < n) {
			return 1;
		}
		ret = read_field(r, f, (uint8_t *)&b->u);
		if (ret != 0) {
			return ret;
		}
		r->pos += n;
	}
	return 0;
}

static int read_block(struct aux_reader *r, struct mapi_aux_block *b)
{
	enum mapi_aux_kind kind;
	int ret;

	b->version = r->block[2];
	b->type = r->block[3];
	b->raw_len = r->size - MAPI_AUX_HEADER_SIZE;
	b->raw = talloc_array(r->mem_ctx, uint8_t, b->raw_len);
	if (b->raw == NULL) {
		return -1;
	}
	memcpy(b->raw, r->block + MAPI_AUX_HEADER_SIZE, b->raw_len);
	kind = mapi_aux_kind_of(b->version, b->type);
	if (kind == MAPI_AUX_RAW) {
		return 0;
	}
	r->pos = MAPI_AUX_HEADER_SIZE;
	ret = read_typed(r, kind, b);
	if (ret == 1) {
		/* 3.1.4.1.2: skip, never fail; whatever half-decoded strings stay on mem_ctx. */
		memset(&b->u, 0, sizeof(b->u));
		kind = MAPI_AUX_RAW;
		ret = 0;
	}
	b->kind = kind;
	return ret;
}

/* 2.2.2.2 framing: counts the blocks, or returns false if a Size is under 4 or past the end. */
static bool frame_count(const uint8_t *buf, size_t len, size_t *count_r)
{
	size_t pos = 0, count = 0;

	while (pos < len) {
		size_t size;

		if (len - pos < MAPI_AUX_HEADER_SIZE) {
			return false;
		}
		size = mapi_le16_get(buf + pos);
		if (size < MAPI_AUX_HEADER_SIZE || size > len - pos) {
			return false;
		}
		pos += size;
		count++;
	}
	*count_r = count;
	return true;
}

uint32_t mapi_aux_parse(TALLOC_CTX *mem_ctx, const uint8_t *buf, size_t len,
			struct mapi_aux_block **blocks_r, size_t *count_r)
{
	struct mapi_aux_block *blocks;
	struct aux_reader r = { 0 };
	size_t pos = 0, count = 0;

	*blocks_r = NULL;
	*count_r = 0;
	if (!frame_count(buf, len, &count)) {
		return ecRpcFormat;
	}
	blocks = talloc_zero_array(mem_ctx, struct mapi_aux_block, count + 1);
	if (blocks == NULL) {
		return (uint32_t)MAPI_E_NOT_ENOUGH_MEMORY;
	}
	r.mem_ctx = blocks;
	for (size_t i = 0; i < count; i++) {
		r.block = buf + pos;
		r.size = mapi_le16_get(buf + pos);
		if (read_block(&r, &blocks[i]) != 0) {
			talloc_free(blocks);
			return (uint32_t)MAPI_E_NOT_ENOUGH_MEMORY;
		}
		pos += r.size;
	}
	*blocks_r = blocks;
	*count_r = count;
	return 0;
}
