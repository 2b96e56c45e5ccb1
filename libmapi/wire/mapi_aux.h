/*
 * Auxiliary buffers (MS-OXCRPC 2.2.2.2, 3.1.4.1.2, 3.2.4.1.2): the payload of rgbAuxIn /
 * rgbAuxOut, a sequence of AUX_HEADER (Size, Version, Type) + auxiliary block.
 *
 * Parsing splits the payload into blocks and decodes the blocks of 2.2.2.2.1 to 2.2.2.2.22 (and
 * AUX_SERVER_CAPABILITIES of later MS-OXCRPC versions) into typed fields. Framing errors (a Size under 4 or past the end, a partial header) are errors; a
 * block whose Version/Type is unknown, or whose body is too short or has a bad string offset, is
 * never an error: it is kept as raw bytes (3.1.4.1.2: "it MUST skip over the entire block
 * without throwing an error"). Every parsed block also keeps its raw body, so building the parsed
 * blocks again reproduces the input byte for byte.
 *
 * Strings are the spec's null-terminated Unicode (UTF-16LE) strings at offsets from the start of
 * the AUX_HEADER, held here as UTF-8; NULL stands for offset zero ("null or empty").
 */
#ifndef SAMBEX_MAPI_AUX_H
#define SAMBEX_MAPI_AUX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#include "mapi_guid.h"
#include "mapi_status.h"

/* 2.2.2.2 */
#define MAPI_AUX_HEADER_SIZE 4
#define MAPI_AUX_VERSION_1 0x01
#define MAPI_AUX_VERSION_2 0x02

/* Type values (2.2.2.2, both tables; the Version picks the structure where they overlap). */
enum mapi_aux_type {
	MAPI_AUX_TYPE_PERF_REQUESTID = 0x01,
	MAPI_AUX_TYPE_PERF_CLIENTINFO = 0x02,
	MAPI_AUX_TYPE_PERF_SERVERINFO = 0x03,
	MAPI_AUX_TYPE_PERF_SESSIONINFO = 0x04,
	MAPI_AUX_TYPE_PERF_DEFMDB_SUCCESS = 0x05,
	MAPI_AUX_TYPE_PERF_DEFGC_SUCCESS = 0x06,
	MAPI_AUX_TYPE_PERF_MDB_SUCCESS = 0x07,
	MAPI_AUX_TYPE_PERF_GC_SUCCESS = 0x08,
	MAPI_AUX_TYPE_PERF_FAILURE = 0x09,
	MAPI_AUX_TYPE_CLIENT_CONTROL = 0x0A,
	MAPI_AUX_TYPE_PERF_PROCESSINFO = 0x0B,
	MAPI_AUX_TYPE_PERF_BG_DEFMDB_SUCCESS = 0x0C,
	MAPI_AUX_TYPE_PERF_BG_DEFGC_SUCCESS = 0x0D,
	MAPI_AUX_TYPE_PERF_BG_MDB_SUCCESS = 0x0E,
	MAPI_AUX_TYPE_PERF_BG_GC_SUCCESS = 0x0F,
	MAPI_AUX_TYPE_PERF_BG_FAILURE = 0x10,
	MAPI_AUX_TYPE_PERF_FG_DEFMDB_SUCCESS = 0x11,
	MAPI_AUX_TYPE_PERF_FG_DEFGC_SUCCESS = 0x12,
	MAPI_AUX_TYPE_PERF_FG_MDB_SUCCESS = 0x13,
	MAPI_AUX_TYPE_PERF_FG_GC_SUCCESS = 0x14,
	MAPI_AUX_TYPE_PERF_FG_FAILURE = 0x15,
	MAPI_AUX_TYPE_OSVERSIONINFO = 0x16,
	MAPI_AUX_TYPE_EXORGINFO = 0x17,
	MAPI_AUX_TYPE_PERF_ACCOUNTINFO = 0x18,
	MAPI_AUX_TYPE_SERVER_CAPABILITIES = 0x46,	/* newer MS-OXCRPC only, see below */
	MAPI_AUX_TYPE_ENDPOINT_CAPABILITIES = 0x48,
	MAPI_AUX_TYPE_CLIENT_CONNECTION_INFO = 0x4A,
	MAPI_AUX_TYPE_SERVER_SESSION_INFO = 0x4B,
	MAPI_AUX_TYPE_PROTOCOL_DEVICE_IDENTIFICATION = 0x4E,
};

/* Flag values of AUX_CLIENT_CONTROL (2.2.2.2.15), AUX_EXORGINFO (2.2.2.2.17) and
 * AUX_ENDPOINT_CAPABILITIES (2.2.2.2.19). */
#define MAPI_AUX_ENABLE_PERF_SENDTOSERVER 0x00000001
#define MAPI_AUX_ENABLE_COMPRESSION 0x00000004
#define MAPI_AUX_ENABLE_HTTP_TUNNELING 0x00000008
#define MAPI_AUX_ENABLE_PERF_SENDGCDATA 0x00000010
#define MAPI_AUX_PUBLIC_FOLDERS_ENABLED 0x00000001
#define MAPI_AUX_USE_AUTODISCOVER_FOR_PUBLIC_FOLDER_CONFIGURATION 0x00000002
#define MAPI_AUX_ENDPOINT_CAPABILITIES_SINGLE_ENDPOINT 0x00000001
/* AUX_SERVER_CAPABILITIES ServerCapabilityFlags (MS-OXCRPC v23 2.2.2.2.19; R291004-R291009) */
#define MAPI_AUX_PACKED_FAST_TRANSFER_UPLOAD_BUFFERS 0x00000001
#define MAPI_AUX_PACKED_WRITE_STREAM_UPLOAD_BUFFERS 0x00000002
#define MAPI_AUX_ULTRA_LARGE_PACKED_DOWNLOAD_BUFFERS 0x00000008

/* Which member of mapi_aux_block.u is valid: one per structure of 2.2.2.2.1 - 2.2.2.2.22. */
enum mapi_aux_kind {
	MAPI_AUX_RAW = 0,		/* unknown Version/Type, or a body that did not decode */
	MAPI_AUX_PERF_REQUESTID,	/* 2.2.2.2.1 */
	MAPI_AUX_PERF_SESSIONINFO,	/* 2.2.2.2.2 */
	MAPI_AUX_PERF_SESSIONINFO_V2,	/* 2.2.2.2.3 */
	MAPI_AUX_PERF_CLIENTINFO,	/* 2.2.2.2.4 */
	MAPI_AUX_PERF_SERVERINFO,	/* 2.2.2.2.5 */
	MAPI_AUX_PERF_PROCESSINFO,	/* 2.2.2.2.6 */
	MAPI_AUX_PERF_DEFMDB_SUCCESS,	/* 2.2.2.2.7 */
	MAPI_AUX_PERF_DEFGC_SUCCESS,	/* 2.2.2.2.8 */
	MAPI_AUX_PERF_MDB_SUCCESS,	/* 2.2.2.2.9 */
	MAPI_AUX_PERF_MDB_SUCCESS_V2,	/* 2.2.2.2.10 */
	MAPI_AUX_PERF_GC_SUCCESS,	/* 2.2.2.2.11 */
	MAPI_AUX_PERF_GC_SUCCESS_V2,	/* 2.2.2.2.12 */
	MAPI_AUX_PERF_FAILURE,		/* 2.2.2.2.13 */
	MAPI_AUX_PERF_FAILURE_V2,	/* 2.2.2.2.14 */
	MAPI_AUX_CLIENT_CONTROL,	/* 2.2.2.2.15 */
	MAPI_AUX_OSVERSIONINFO,		/* 2.2.2.2.16 */
	MAPI_AUX_EXORGINFO,		/* 2.2.2.2.17 */
	MAPI_AUX_PERF_ACCOUNTINFO,	/* 2.2.2.2.18 */
	MAPI_AUX_ENDPOINT_CAPABILITIES,	/* 2.2.2.2.19 */
	MAPI_AUX_CLIENT_CONNECTION_INFO,	/* 2.2.2.2.20 */
	MAPI_AUX_SERVER_SESSION_INFO,	/* 2.2.2.2.21 */
	MAPI_AUX_PROTOCOL_DEVICE_IDENTIFICATION,	/* 2.2.2.2.22 */
	/* Type 0x46: not in the local v20150914 text; MS-OXCRPC v23 2.2.2.2.19 and requirements
	 * R1350001, R291001-R291010 of MS-OXCRPC_RequirementSpecification.tsv */
	MAPI_AUX_SERVER_CAPABILITIES,
	MAPI_AUX_KIND_COUNT
};

/* A (size, offset) pair's bytes, e.g. ClientIP; data NULL and length 0 for offset zero. */
struct mapi_aux_bytes {
	uint8_t *data;
	uint16_t length;
};

/* Field names follow the spec in snake case; Reserved fields are skipped on read, zero on write. */
struct mapi_aux_perf_requestid { uint16_t session_id, request_id; };
struct mapi_aux_perf_sessioninfo { uint16_t session_id; struct GUID session_guid; };
struct mapi_aux_perf_sessioninfo_v2 {
	uint16_t session_id; struct GUID session_guid; uint32_t connection_id;
};
struct mapi_aux_perf_clientinfo {
	uint32_t adapter_speed;
	uint16_t client_id;
	char *machine_name, *user_name;
	struct mapi_aux_bytes client_ip, client_ip_mask;
	char *adapter_name;
	struct mapi_aux_bytes mac_address;
	uint16_t client_mode;
};
struct mapi_aux_perf_serverinfo {
	uint16_t server_id, server_type; char *server_dn, *server_name;
};
struct mapi_aux_perf_processinfo {
	uint16_t process_id; struct GUID process_guid; char *process_name;
};
struct mapi_aux_perf_defmdb_success {
	uint32_t time_since_request, time_to_complete_request; uint16_t request_id;
};
struct mapi_aux_perf_defgc_success {
	uint16_t server_id, session_id;
	uint32_t time_since_request, time_to_complete_request;
	uint8_t request_operation;
};
struct mapi_aux_perf_mdb_success {
	uint16_t client_id, server_id, session_id, request_id;
	uint32_t time_since_request, time_to_complete_request;
};
struct mapi_aux_perf_mdb_success_v2 {
	uint16_t process_id, client_id, server_id, session_id, request_id;
	uint32_t time_since_request, time_to_complete_request;
};
struct mapi_aux_perf_gc_success {
	uint16_t client_id, server_id, session_id;
	uint32_t time_since_request, time_to_complete_request;
	uint8_t request_operation;
};
struct mapi_aux_perf_gc_success_v2 {
	uint16_t process_id, client_id, server_id, session_id;
	uint32_t time_since_request, time_to_complete_request;
	uint8_t request_operation;
};
struct mapi_aux_perf_failure {
	uint16_t client_id, server_id, session_id, request_id;
	uint32_t time_since_request, time_to_fail_request, result_code;
	uint8_t request_operation;
};
struct mapi_aux_perf_failure_v2 {
	uint16_t process_id, client_id, server_id, session_id, request_id;
	uint32_t time_since_request, time_to_fail_request, result_code;
	uint8_t request_operation;
};
struct mapi_aux_client_control { uint32_t enable_flags, expiry_time; };
struct mapi_aux_osversioninfo {
	uint32_t os_version_info_size, major_version, minor_version, build_number;
	uint16_t service_pack_major, service_pack_minor;
};
struct mapi_aux_exorginfo { uint32_t org_flags; };
struct mapi_aux_perf_accountinfo { uint16_t client_id; struct GUID account; };
struct mapi_aux_endpoint_capabilities { uint32_t endpoint_capability_flags; };
struct mapi_aux_server_capabilities { uint32_t server_capability_flags; };
struct mapi_aux_client_connection_info {
	struct GUID connection_guid;
	uint32_t connection_attempts, connection_flags;
	char *connection_context_info;
};
struct mapi_aux_server_session_info { char *server_session_context_info; };
struct mapi_aux_protocol_device_identification {
	char *device_manufacturer, *device_model, *device_serial_number, *device_version,
	     *device_firmware_version;
};

struct mapi_aux_block {
	uint8_t version;		/* AUX_HEADER Version */
	uint8_t type;			/* AUX_HEADER Type */
	enum mapi_aux_kind kind;
	union {
		struct mapi_aux_perf_requestid perf_requestid;
		struct mapi_aux_perf_sessioninfo perf_sessioninfo;
		struct mapi_aux_perf_sessioninfo_v2 perf_sessioninfo_v2;
		struct mapi_aux_perf_clientinfo perf_clientinfo;
		struct mapi_aux_perf_serverinfo perf_serverinfo;
		struct mapi_aux_perf_processinfo perf_processinfo;
		struct mapi_aux_perf_defmdb_success perf_defmdb_success;
		struct mapi_aux_perf_defgc_success perf_defgc_success;
		struct mapi_aux_perf_mdb_success perf_mdb_success;
		struct mapi_aux_perf_mdb_success_v2 perf_mdb_success_v2;
		struct mapi_aux_perf_gc_success perf_gc_success;
		struct mapi_aux_perf_gc_success_v2 perf_gc_success_v2;
		struct mapi_aux_perf_failure perf_failure;
		struct mapi_aux_perf_failure_v2 perf_failure_v2;
		struct mapi_aux_client_control client_control;
		struct mapi_aux_osversioninfo osversioninfo;
		struct mapi_aux_exorginfo exorginfo;
		struct mapi_aux_perf_accountinfo perf_accountinfo;
		struct mapi_aux_endpoint_capabilities endpoint_capabilities;
		struct mapi_aux_client_connection_info client_connection_info;
		struct mapi_aux_server_session_info server_session_info;
		struct mapi_aux_protocol_device_identification protocol_device_identification;
		struct mapi_aux_server_capabilities server_capabilities;
	} u;
	/*
	 * The body after the AUX_HEADER as received (raw_len = Size - 4). mapi_aux_build writes raw
	 * when it is not NULL and the typed fields otherwise.
	 */
	uint8_t *raw;
	size_t raw_len;
};

/* The structure a (Version, Type) pair selects (2.2.2.2 tables), or MAPI_AUX_RAW if none. */
enum mapi_aux_kind mapi_aux_kind_of(uint8_t version, uint8_t type);

/* The spec name of a kind ("AUX_PERF_CLIENTINFO"); "raw" for MAPI_AUX_RAW. Static string. */
const char *mapi_aux_kind_name(enum mapi_aux_kind kind);

/*
 * Parses an auxiliary payload (already de-obfuscated and decompressed: see mapi_rpcext_parse).
 * *blocks_r is a new array of *count_r blocks on mem_ctx that owns all their strings and bytes;
 * an empty payload gives zero blocks (and a non-NULL array).
 * Returns 0, ecRpcFormat for a framing error, or MAPI_E_NOT_ENOUGH_MEMORY; on error
 * *blocks_r is NULL and nothing is left on mem_ctx.
 */
uint32_t mapi_aux_parse(TALLOC_CTX *mem_ctx, const uint8_t *buf, size_t len,
			struct mapi_aux_block **blocks_r, size_t *count_r);

/*
 * Builds an auxiliary payload from count blocks (raw bodies as they are; typed ones as fixed
 * fields followed by their strings and byte fields in field order, offsets pointing at them).
 * The result is a new array on mem_ctx (*buf_r, *len_r; non-NULL even when empty).
 * Returns 0; MAPI_E_INVALID_PARAMETER for a block over 0xFFFF bytes, a typed block whose kind is
 * not what its Version/Type select, or a string that is not valid UTF-8;
 * MAPI_E_NOT_ENOUGH_MEMORY. On error *buf_r is NULL.
 */
uint32_t mapi_aux_build(TALLOC_CTX *mem_ctx, const struct mapi_aux_block *blocks, size_t count,
			uint8_t **buf_r, size_t *len_r);

/*
 * True if two blocks hold the same Version, Type, kind and typed fields (for MAPI_AUX_RAW: the
 * same raw bytes). Reserved fields and the raw copy of typed blocks are not compared.
 */
bool mapi_aux_block_equal(const struct mapi_aux_block *a, const struct mapi_aux_block *b);

#endif
