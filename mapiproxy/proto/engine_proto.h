/*
 * The engine protocol: how the Samba plugin and the HTTP front end hand a call to sambexd, the
 * engine daemon, over a local stream socket, and get its answer back.
 *
 * Front ends do no MAPI parsing: they forward the call's NDR stub bytes with the interface, the
 * opnum and who is calling; the engine decodes, runs and encodes. So a malformed request can only
 * ever hurt the supervised engine process, never the domain controller.
 *
 * Every message is one frame: a 16-byte header then a body, all integers little-endian.
 *
 *   header:  magic "SBX1" (u32 0x31584253) | type u16 | flags u16 (0) | request_id u32 | body_len u32
 *   call (type 1):   iface u16 | opnum u16 | ndr_flags u32 | auth_type u8 | auth_level u8 |
 *                    reserved u16 (0) | assoc_group_id u32 | association_id u64 |
 *                    account_name, domain_name, user_sid, remote_address, local_address:
 *                        each u16 length + bytes (UTF-8, no NUL) |
 *                    stub: u32 length + bytes |
 *                    token_sids: u16 count (at most ENGINE_PROTO_MAX_SIDS) + each SID as a u16
 *                        length + "S-1-..." (digits and dashes only)
 *   reply (type 2):  fault u32 (0: stub holds the NDR reply; else the DCE/RPC fault code to send) |
 *                    stub: u32 length + bytes
 *   rundown (type 3): association_id u64 — the client's association has ended: everything the
 *                    engine holds for it (context handles, sessions) goes. Answered by an empty
 *                    reply. (DCE/RPC context handle rundown, C706 6.1.)
 *
 * A body ends exactly where its last field ends; anything else is malformed.
 */
#ifndef SAMBEX_ENGINE_PROTO_H
#define SAMBEX_ENGINE_PROTO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <talloc.h>

#define ENGINE_PROTO_MAGIC 0x31584253U
#define ENGINE_PROTO_HEADER_SIZE 16
/* Far above any legal call: EcDoRpcExt2 buffers are at most 256 KiB (MS-OXCRPC 3.1.4.2). */
#define ENGINE_PROTO_MAX_BODY (32U * 1024U * 1024U)
/*
 * The most SIDs a caller's token may carry on the wire: Windows caps a token's groups at 1024
 * (Kerberos PAC limits in practice), and sambexd builds an access token from them, so anything
 * beyond is refused rather than truncated (a truncated token could lose a deny ACE's SID).
 */
#define ENGINE_PROTO_MAX_SIDS 1024
/* "S-1-" + 6-byte authority + 15 sub-authorities of up to 10 digits, with dashes. */
#define ENGINE_PROTO_MAX_SID_STRING 184

enum engine_frame_type {
	ENGINE_FRAME_CALL = 1,
	ENGINE_FRAME_REPLY = 2,
	ENGINE_FRAME_RUNDOWN = 3,
};

/* The RPC interfaces the engine serves (rpc-operations.tsv). */
enum engine_iface {
	ENGINE_IFACE_EMSMDB = 0,
	ENGINE_IFACE_ASYNCEMSMDB = 1,
	ENGINE_IFACE_NSPI = 2,
	ENGINE_IFACE_RFR = 3,
	ENGINE_IFACE_COUNT
};

enum engine_proto_result {
	ENGINE_PROTO_OK = 0,
	ENGINE_PROTO_TRUNCATED,		/* more bytes needed (a header or body not yet complete) */
	ENGINE_PROTO_MALFORMED,		/* bad magic, type, length, or trailing bytes */
	ENGINE_PROTO_TOO_BIG,		/* body_len above ENGINE_PROTO_MAX_BODY */
	ENGINE_PROTO_NOMEM,
};

struct engine_frame_header {
	uint16_t type;
	uint32_t request_id;
	uint32_t body_len;
};

/* Who is calling, as the RPC layer established it (the plugin never trusts the client for this). */
struct engine_caller {
	uint8_t auth_type;		/* DCERPC_AUTH_TYPE_* */
	uint8_t auth_level;		/* DCERPC_AUTH_LEVEL_* */
	uint32_t assoc_group_id;
	/*
	 * The front end's id for the client's association, unique among front-end processes (the
	 * plugin uses pid << 32 | assoc_group_id): state the engine keeps for a client is scoped to it
	 * and dropped by a rundown frame. 0: none.
	 */
	uint64_t association_id;
	const char *account_name;
	const char *domain_name;
	const char *user_sid;		/* "S-1-5-21-..." */
	const char *remote_address;	/* "ipv4:10.0.0.1:49152" */
	const char *local_address;
	/*
	 * Every SID of the caller's security token, user SID first (the plugin copies
	 * security_token->sids): sambexd rebuilds the token from them so the directory's ACLs apply
	 * to the caller exactly as over LDAP (docs/directory-access.md). Decoded strings are checked
	 * to look like SIDs ("S-" then digits and dashes, at most ENGINE_PROTO_MAX_SID_STRING).
	 */
	uint32_t num_token_sids;
	const char **token_sids;
};

struct engine_call {
	enum engine_iface iface;
	uint16_t opnum;
	uint32_t ndr_flags;		/* LIBNDR_FLAG_BIGENDIAN etc., as the request was encoded */
	struct engine_caller caller;
	const uint8_t *stub;
	size_t stub_len;
};

struct engine_reply {
	uint32_t fault;			/* 0 or a DCE/RPC fault code */
	const uint8_t *stub;
	size_t stub_len;
};

/* Short text for a result, for logs. */
const char *engine_proto_result_string(enum engine_proto_result result);

/*
 * Reads a frame header from the first ENGINE_PROTO_HEADER_SIZE bytes of buf. Returns
 * ENGINE_PROTO_TRUNCATED if len is shorter, MALFORMED for a bad magic/type/flags, TOO_BIG for a
 * body over the cap.
 */
enum engine_proto_result engine_proto_parse_header(const uint8_t *buf, size_t len,
						   struct engine_frame_header *hdr_r);

/*
 * Encodes a whole frame (header + body) on mem_ctx. The strings of caller may be NULL (sent as
 * empty). Returns OK, NOMEM, or TOO_BIG/MALFORMED if a field does not fit its length field.
 */
enum engine_proto_result engine_proto_push_call(TALLOC_CTX *mem_ctx, uint32_t request_id,
						const struct engine_call *call,
						uint8_t **frame_r, size_t *len_r);
enum engine_proto_result engine_proto_push_reply(TALLOC_CTX *mem_ctx, uint32_t request_id,
						 const struct engine_reply *reply,
						 uint8_t **frame_r, size_t *len_r);
enum engine_proto_result engine_proto_push_rundown(TALLOC_CTX *mem_ctx, uint32_t request_id,
						   uint64_t association_id,
						   uint8_t **frame_r, size_t *len_r);

/*
 * Decodes a body (without its header). Strings are copied onto mem_ctx (NUL-terminated); the stub
 * points into body, which must outlive the result. Returns OK or MALFORMED (also for an unknown
 * iface), NOMEM.
 */
enum engine_proto_result engine_proto_pull_call(TALLOC_CTX *mem_ctx, const uint8_t *body,
						size_t len, struct engine_call *call_r);
enum engine_proto_result engine_proto_pull_reply(const uint8_t *body, size_t len,
						 struct engine_reply *reply_r);
enum engine_proto_result engine_proto_pull_rundown(const uint8_t *body, size_t len,
						   uint64_t *association_id_r);

#endif
