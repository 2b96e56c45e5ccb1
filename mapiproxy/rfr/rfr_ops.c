/*
 * rfr_ops: the address book referral interface (MS-OXABREF 3.1.4). A single Sambex server is its
 * own NSPI server, so both operations answer with this server's FQDN.
 */
#include "rfr_ops.h"
#include "rfr.h"
#include "mapi_status.h"

/* MS-OXABREF 3.1.4.1: the name of an NSPI server for the user (pUserDN, ulFlags ignored). */
static uint32_t rfr_get_new_dsa(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
				const struct engine_caller *caller, void *rv)
{
	struct RfrGetNewDSA *r = rv;
	const char **server;

	r->out.ppszUnused = r->in.ppszUnused;
	r->out.ppszServer = r->in.ppszServer;
	if (r->in.ppszServer == NULL) {
		/* A NULL top-level [unique] pointer cannot carry an answer back. */
		r->out.result = MAPI_E_INVALID_PARAMETER;
		return 0;
	}
	server = talloc(mem_ctx, const char *);
	if (server == NULL) {
		r->out.result = MAPI_E_NOT_ENOUGH_MEMORY;
		return 0;
	}
	*server = ctx->server_fqdn;
	r->out.ppszServer = server;
	r->out.result = MAPI_E_SUCCESS;
	return 0;
}

/* MS-OXABREF 3.1.4.2: the FQDN of the server a legacy DN names; there is only us. */
static uint32_t rfr_get_fqdn_from_server_dn(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
					    const struct engine_caller *caller, void *rv)
{
	struct RfrGetFQDNFromServerDN *r = rv;
	const char **fqdn = talloc(mem_ctx, const char *);

	if (fqdn == NULL) {
		return ENGINE_FAULT_CANT_PERFORM;
	}
	*fqdn = ctx->server_fqdn;
	r->out.ppszServerFQDN = fqdn;
	r->out.result = MAPI_E_SUCCESS;
	return 0;
}

static const engine_ndr_op rfr_ops[RFR_CALL_COUNT] = {
	[0] = rfr_get_new_dsa,
	[1] = rfr_get_fqdn_from_server_dn,
};

const struct engine_ndr_iface rfr_ndr_iface = {
	.table = &sambex_ndr_table_rfr,
	.calls = sambex_ndr_calls_rfr,
	.ops = rfr_ops,
};
