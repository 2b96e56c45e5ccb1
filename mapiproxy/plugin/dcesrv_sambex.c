/*
 * dcesrv_sambex: the Samba DCE/RPC endpoint server that puts EMSMDB, AsyncEMSMDB, NSPI and RFR
 * (MS-OXCRPC, MS-OXNSPI, MS-OXABREF) on the domain controller.
 *
 * This code runs inside Samba's rpc workers, next to the endpoint mapper, LSA, SAMR and DRSUAPI,
 * so it does as little as possible and never blocks: it refuses unauthenticated and unsigned
 * binds, takes each request's NDR stub bytes as they are, hands them with the caller's identity
 * to sambexd (the engine daemon) over a local socket, and sends back whatever NDR bytes or fault
 * the engine answers. It parses no MAPI structure at all; the engine does, in its own supervised
 * process (docs/architecture.md).
 *
 * Settings (smb.conf [global], parametric):
 *   sambex:engine socket  = PATH   where sambexd listens (default /run/sambex/engine.sock)
 *   sambex:engine timeout = SECS   longest wait for one call (default 600: EcDoAsyncWaitEx parks)
 */
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <talloc.h>
#include <tevent.h>
#include <ndr.h>
#include <gen_ndr/dcerpc.h>
#include <gen_ndr/security.h>
#include <gen_ndr/auth.h>
#include <param.h>
#include <dcesrv_core.h>

static int sambex_dbgc = 0;	/* DBGC_ALL until debug_add_class() gives us ours */
#define DBGC_CLASS sambex_dbgc
#include <util/debug.h>

#include "engine_client.h"
#include "plugin_ifaces.h"

/* Exported by Samba's private libraries, resolved from the running samba at dlopen. */
const char *tsocket_address_string(const struct tsocket_address *addr, TALLOC_CTX *mem_ctx);
NTSTATUS samba_init_module(TALLOC_CTX *ctx);

#define SAMBEX_DEFAULT_SOCKET "/run/sambex/engine.sock"
#define SAMBEX_DEFAULT_TIMEOUT_S 600

static struct {
	const char *engine_socket;
	uint32_t timeout_ms;
} sambex_config;

/* One call as it travels through Samba's pull -> dispatch -> reply -> push hooks. */
struct sambex_rpc_call {
	uint16_t opnum;
	uint32_t ndr_flags;
	DATA_BLOB request;	/* the NDR stub as received */
	DATA_BLOB reply;	/* the NDR stub the engine answered */
};

static NTSTATUS sambex_bind(struct dcesrv_connection_context *context,
			    const struct dcesrv_interface *iface)
{
	/* MS-OXCRPC 3.1.4 / MS-OXNSPI 3.1.4: no anonymous, no unsigned traffic. */
	return dcesrv_interface_bind_require_integrity(context, iface);
}

static void sambex_unbind(struct dcesrv_connection_context *context,
			  const struct dcesrv_interface *iface)
{
}

static NTSTATUS sambex_ndr_pull(struct dcesrv_call_state *dce_call, TALLOC_CTX *mem_ctx,
				struct ndr_pull *pull, void **r)
{
	const struct sambex_iface *si = dce_call->context->iface->private_data;
	uint16_t opnum = dce_call->pkt.u.request.opnum;
	struct sambex_rpc_call *call;

	if (opnum >= si->num_calls) {
		dce_call->fault_code = DCERPC_FAULT_OP_RNG_ERROR;
		return NT_STATUS_NET_WRITE_FAULT;
	}
	call = talloc_zero(mem_ctx, struct sambex_rpc_call);
	if (call == NULL) {
		return NT_STATUS_NO_MEMORY;
	}
	call->opnum = opnum;
	call->ndr_flags = pull->flags;
	call->request = data_blob_const(pull->data + pull->offset, pull->data_size - pull->offset);
	pull->offset = pull->data_size;	/* the engine decodes; Samba must not see leftovers */
	*r = call;
	return NT_STATUS_OK;
}

/* "S-1-5-21-..." for a SID; our own formatter, so no private Samba symbol is needed. */
static char *sid_string(TALLOC_CTX *mem_ctx, const struct dom_sid *sid)
{
	uint64_t authority = 0;
	char *s;

	if (sid == NULL || sid->num_auths < 0 || sid->num_auths > 15) {
		return NULL;
	}
	for (int i = 0; i < 6; i++) {
		authority = authority << 8 | sid->id_auth[i];
	}
	s = talloc_asprintf(mem_ctx, "S-%u-%llu", sid->sid_rev_num, (unsigned long long)authority);
	for (int i = 0; s != NULL && i < sid->num_auths; i++) {
		s = talloc_asprintf_append_buffer(s, "-%u", sid->sub_auths[i]);
	}
	return s;
}

/*
 * The whole token, so sambexd applies the directory's ACLs with every group of the caller
 * (docs/directory-access.md). A token over the wire limit is sent with no SIDs at all: sambexd then
 * has no identity to read the directory with and refuses, rather than reading with a token missing
 * groups (a deny ACE on a dropped group would no longer apply).
 */
static void fill_token_sids(TALLOC_CTX *mem_ctx, const struct security_token *token,
			    struct engine_caller *who)
{
	const char **sids;

	if (token->num_sids > ENGINE_PROTO_MAX_SIDS) {
		return;
	}
	sids = talloc_zero_array(mem_ctx, const char *, token->num_sids + 1);
	if (sids == NULL) {
		return;
	}
	for (uint32_t i = 0; i < token->num_sids; i++) {
		sids[i] = sid_string(sids, &token->sids[i]);
		if (sids[i] == NULL) {
			talloc_free(sids);
			return;
		}
	}
	who->token_sids = sids;
	who->num_token_sids = token->num_sids;
}

static void fill_caller(struct dcesrv_call_state *dce_call, TALLOC_CTX *mem_ctx,
			struct engine_caller *who)
{
	struct auth_session_info *session = dcesrv_call_session_info(dce_call);
	enum dcerpc_AuthType auth_type = DCERPC_AUTH_TYPE_NONE;
	enum dcerpc_AuthLevel auth_level = DCERPC_AUTH_LEVEL_NONE;

	dcesrv_call_auth_info(dce_call, &auth_type, &auth_level);
	who->auth_type = (uint8_t)auth_type;
	who->auth_level = (uint8_t)auth_level;
	who->assoc_group_id = dce_call->conn->assoc_group != NULL ? dce_call->conn->assoc_group->id : 0;
	if (session != NULL && session->info != NULL) {
		who->account_name = session->info->account_name;
		who->domain_name = session->info->domain_name;
	}
	if (session != NULL && session->security_token != NULL &&
	    session->security_token->num_sids > 0) {
		who->user_sid = sid_string(mem_ctx, &session->security_token->sids[0]);
		fill_token_sids(mem_ctx, session->security_token, who);
	}
	who->remote_address = tsocket_address_string(
		dcesrv_connection_get_remote_address(dce_call->conn), mem_ctx);
	who->local_address = tsocket_address_string(
		dcesrv_connection_get_local_address(dce_call->conn), mem_ctx);
}

/*
 * One per client association (Samba's association group): names it to the engine, and tells the
 * engine when it ends so the context handles made in it are run down (C706 6.1). Samba frees it
 * with the association group, which runs the destructor.
 */
#define SAMBEX_ASSOC_MAGIC 0x5342584153534f43ULL	/* "SBXASSOC" */
struct sambex_assoc {
	uint64_t association_id;
};

static int sambex_assoc_destructor(struct sambex_assoc *a)
{
	int err = engine_client_rundown(sambex_config.engine_socket, a->association_id);

	if (err != 0) {
		DBG_NOTICE("engine rundown of %016llx not sent: %s\n",
			   (unsigned long long)a->association_id, strerror(err));
	}
	return 0;
}

/* The call's association record, made on its first call; NULL if Samba has none to give. */
static struct sambex_assoc *sambex_assoc_get(struct dcesrv_call_state *dce_call)
{
	struct sambex_assoc *a = dcesrv_iface_state_find_assoc(dce_call, SAMBEX_ASSOC_MAGIC,
							       struct sambex_assoc);

	if (a != NULL || dce_call->conn->assoc_group == NULL) {
		return a;
	}
	a = talloc_zero(dce_call, struct sambex_assoc);
	if (a == NULL) {
		return NULL;
	}
	/* Group ids are per Samba process: the pid makes them unique for the engine. */
	a->association_id = (uint64_t)getpid() << 32 | dce_call->conn->assoc_group->id;
	if (!NT_STATUS_IS_OK(dcesrv_iface_state_store_assoc(dce_call, SAMBEX_ASSOC_MAGIC, a))) {
		talloc_free(a);
		return NULL;
	}
	talloc_set_destructor(a, sambex_assoc_destructor);
	return a;
}

static void sambex_engine_done(struct tevent_req *subreq);

static NTSTATUS sambex_dispatch(struct dcesrv_call_state *dce_call, TALLOC_CTX *mem_ctx, void *r)
{
	const struct sambex_iface *si = dce_call->context->iface->private_data;
	struct sambex_rpc_call *call = talloc_get_type_abort(r, struct sambex_rpc_call);
	struct engine_call ec = {
		.iface = si->engine_iface,
		.opnum = call->opnum,
		.ndr_flags = call->ndr_flags,
		.stub = call->request.data,
		.stub_len = call->request.length,
	};
	struct sambex_assoc *assoc;
	struct tevent_req *subreq;

	if (!(dce_call->state_flags & DCESRV_CALL_STATE_FLAG_MAY_ASYNC)) {
		/* Only a local in-process binding lacks it; we never block the worker. */
		dce_call->fault_code = DCERPC_FAULT_CANT_PERFORM;
		return NT_STATUS_NET_WRITE_FAULT;
	}
	assoc = sambex_assoc_get(dce_call);
	fill_caller(dce_call, call, &ec.caller);
	ec.caller.association_id = assoc != NULL ? assoc->association_id : 0;
	sambex_test_hook(si, &ec);
	subreq = engine_client_call_send(dce_call, dce_call->event_ctx, sambex_config.engine_socket,
					 &ec, sambex_config.timeout_ms);
	if (subreq == NULL) {
		return NT_STATUS_NO_MEMORY;
	}
	tevent_req_set_callback(subreq, sambex_engine_done, dce_call);
	dce_call->state_flags |= DCESRV_CALL_STATE_FLAG_ASYNC;
	return NT_STATUS_OK;
}

static void sambex_engine_done(struct tevent_req *subreq)
{
	struct dcesrv_call_state *dce_call = tevent_req_callback_data(subreq, struct dcesrv_call_state);
	struct sambex_rpc_call *call = talloc_get_type_abort(dce_call->r, struct sambex_rpc_call);
	struct engine_reply reply;
	NTSTATUS status;
	int err;

	err = engine_client_call_recv(subreq, call, &reply);
	TALLOC_FREE(subreq);
	if (err != 0) {
		/* Engine down, restarting or crashed mid-call: the client retries or reconnects. */
		DBG_WARNING("engine call %s opnum %u failed: %s\n", dce_call->context->iface->name,
			    call->opnum, strerror(err));
		dce_call->fault_code = DCERPC_FAULT_SERVER_UNAVAILABLE;
	} else if (reply.fault != 0) {
		dce_call->fault_code = reply.fault;
	} else {
		call->reply = data_blob_const(reply.stub, reply.stub_len);
	}
	status = dcesrv_reply(dce_call);
	if (!NT_STATUS_IS_OK(status)) {
		DBG_NOTICE("dcesrv_reply failed: %s\n", nt_errstr(status));
	}
}

/* dcesrv_reply() sends a fault PDU (call->fault_code) when this hook fails. */
static NTSTATUS sambex_reply(struct dcesrv_call_state *dce_call, TALLOC_CTX *mem_ctx, void *r)
{
	return dce_call->fault_code != 0 ? NT_STATUS_NET_WRITE_FAULT : NT_STATUS_OK;
}

static NTSTATUS sambex_ndr_push(struct dcesrv_call_state *dce_call, TALLOC_CTX *mem_ctx,
				struct ndr_push *push, const void *r)
{
	const struct sambex_rpc_call *call = talloc_get_type_abort(r, struct sambex_rpc_call);
	enum ndr_err_code err = ndr_push_bytes(push, call->reply.data, call->reply.length);

	if (!NDR_ERR_CODE_IS_SUCCESS(err)) {
		dce_call->fault_code = DCERPC_FAULT_NDR;
		return NT_STATUS_NET_WRITE_FAULT;
	}
	return NT_STATUS_OK;
}

static void fill_iface(struct dcesrv_interface *iface, const struct sambex_iface *si)
{
	*iface = (struct dcesrv_interface) {
		.name = si->name,
		.bind = sambex_bind,
		.unbind = sambex_unbind,
		.ndr_pull = sambex_ndr_pull,
		.dispatch = sambex_dispatch,
		.reply = sambex_reply,
		.ndr_push = sambex_ndr_push,
		.private_data = si,
		/*
		 * We keep no dcesrv handles (the engine owns sessions), so every prefork worker may
		 * serve us, not only rpc(0) with the endpoint mapper and LSA (docs/plugin.md).
		 */
		.flags = DCESRV_INTERFACE_FLAGS_HANDLES_NOT_USED,
	};
	iface->syntax_id.uuid = si->uuid;
	iface->syntax_id.if_version = si->if_version;
}

static NTSTATUS sambex_init_server(struct dcesrv_context *dce_ctx,
				   const struct dcesrv_endpoint_server *ep_server)
{
	struct loadparm_context *lp_ctx = dce_ctx->lp_ctx;
	static const char *endpoints[] = { "ncacn_ip_tcp:", "ncalrpc:[SAMBEX]" };
	const char *engine_socket = lpcfg_parm_string(lp_ctx, NULL, "sambex", "engine socket");
	int timeout_s;

	sambex_config.engine_socket = talloc_strdup(dce_ctx,
		engine_socket != NULL ? engine_socket : SAMBEX_DEFAULT_SOCKET);
	timeout_s = lpcfg_parm_int(lp_ctx, NULL, "sambex", "engine timeout", SAMBEX_DEFAULT_TIMEOUT_S);
	sambex_config.timeout_ms = (uint32_t)(timeout_s > 0 ? timeout_s : 1) * 1000U;

	for (size_t i = 0; i < sambex_iface_count; i++) {
		struct dcesrv_interface *iface = talloc(dce_ctx, struct dcesrv_interface);

		if (iface == NULL) {
			return NT_STATUS_NO_MEMORY;
		}
		fill_iface(iface, &sambex_ifaces[i]);
		for (size_t e = 0; e < sizeof(endpoints) / sizeof(endpoints[0]); e++) {
			NTSTATUS status = dcesrv_interface_register(dce_ctx, endpoints[e], NULL, iface,
								    NULL);

			if (!NT_STATUS_IS_OK(status)) {
				DBG_ERR("registering %s on %s failed: %s\n", iface->name, endpoints[e],
					nt_errstr(status));
				return status;
			}
		}
	}
	DBG_NOTICE("sambex: %zu interfaces registered, engine at %s\n", sambex_iface_count,
		   sambex_config.engine_socket);
	return NT_STATUS_OK;
}

static NTSTATUS sambex_shutdown_server(struct dcesrv_context *dce_ctx,
				       const struct dcesrv_endpoint_server *ep_server)
{
	return NT_STATUS_OK;
}

static bool sambex_interface_by_uuid(struct dcesrv_interface *iface, const struct GUID *uuid,
				     uint32_t if_version)
{
	const struct sambex_iface *si = sambex_iface_by_uuid(uuid, if_version);

	if (si == NULL) {
		return false;
	}
	fill_iface(iface, si);
	return true;
}

static bool sambex_interface_by_name(struct dcesrv_interface *iface, const char *name)
{
	const struct sambex_iface *si = sambex_iface_by_name(name);

	if (si == NULL) {
		return false;
	}
	fill_iface(iface, si);
	return true;
}

__attribute__((visibility("default"))) NTSTATUS samba_init_module(TALLOC_CTX *ctx)
{
	static const struct dcesrv_endpoint_server ep_server = {
		.name = "sambex",
		.init_server = sambex_init_server,
		.shutdown_server = sambex_shutdown_server,
		.interface_by_uuid = sambex_interface_by_uuid,
		.interface_by_name = sambex_interface_by_name,
	};
	int cls = debug_add_class("sambex");

	if (cls != -1) {
		sambex_dbgc = cls;
	}
	return dcerpc_register_ep_server(&ep_server);
}
