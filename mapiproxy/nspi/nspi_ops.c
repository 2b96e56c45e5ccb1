/*
 * nspi_ops: NspiBind and NspiUnbind (MS-OXNSPI 3.1.4.1.1, 3.1.4.1.2), and the interface's
 * operation table (the address book reads are in nspi_browse.c).
 */
#include <iconv.h>
#include <stdio.h>
#include <string.h>

#include "nspi_ops.h"
#include "nspi_browse.h"
#include "nspi_directory.h"
#include "nspi_match.h"
#include "nspi_modify.h"
#include "nspi_search.h"
#include "nspi_session.h"
#include "nspi.h"
#include "mapi_guid.h"
#include "mapi_status.h"

#define CP_WINUNICODE 1200	/* MS-OXNSPI 2.2.1.3: never a session code page */
#define CP_UTF8 65001

bool nspi_codepage_supported(uint32_t code_page)
{
	char name[16];
	iconv_t cd;

	if (code_page == CP_WINUNICODE) {
		return false;
	}
	if (code_page == CP_UTF8) {
		return true;
	}
	snprintf(name, sizeof(name), "CP%u", code_page);
	cd = iconv_open(name, "UTF-8");
	if (cd == (iconv_t)-1) {
		return false;
	}
	iconv_close(cd);
	return true;
}

static uint32_t nspi_bind(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
			  const struct engine_caller *caller, void *rv)
{
	struct NspiBind *r = rv;
	struct nspi_session *session;

	r->out.pServerGuid = r->in.pServerGuid;
	r->out.contextHandle = talloc_zero(mem_ctx, struct policy_handle);
	if (r->out.contextHandle == NULL) {
		return ENGINE_FAULT_CANT_PERFORM;
	}
	/* Rules 1 and 5: the session's code page must be one we serve; Unicode is not one. */
	if (!nspi_codepage_supported(r->in.pStat->CodePage)) {
		r->out.result = MAPI_E_UNKNOWN_CPID;
		return 0;
	}
	session = nspi_session_create(ctx->nspi, caller->user_sid, caller->association_id,
				      r->in.pStat->CodePage, r->in.pStat->TemplateLocale,
				      r->in.pStat->SortLocale);
	if (session == NULL) {
		r->out.result = MAPI_E_NOT_ENOUGH_MEMORY;
		return 0;
	}
	/*
	 * The directory as this caller sees it, for the session's life. Without a configured
	 * directory the session still binds and finds an empty address book; with one, a caller
	 * without a usable token (anonymous, or a token too large to forward) is refused.
	 */
	if (ctx->directory != NULL) {
		enum nspi_directory_result dr = nspi_directory_open(
			session, ctx->directory, caller->account_name, caller->num_token_sids,
			caller->token_sids, &session->ldb);

		if (dr != NSPI_DIRECTORY_OK && dr != NSPI_DIRECTORY_UNAVAILABLE) {
			nspi_session_destroy(ctx->nspi, &session->handle, caller->user_sid,
					     caller->association_id);
			if (ctx->verbose) {
				fprintf(stderr, "sambexd: NspiBind refused: %s\n",
					nspi_directory_result_string(dr));
			}
			r->out.result = MAPI_E_LOGON_FAILED;
			return 0;
		}
	}
	/* Rule 6: the server's GUID, when asked for. */
	if (r->out.pServerGuid != NULL) {
		mapi_guid_to_wire(&ctx->server_guid, r->out.pServerGuid->ab);
	}
	r->out.contextHandle->handle_type = 0;
	r->out.contextHandle->uuid = session->handle;
	if (ctx->verbose) {
		fprintf(stderr, "sambexd: NspiBind by %s\\%s (%s), association %016llx\n",
			caller->domain_name, caller->account_name, caller->user_sid,
			(unsigned long long)caller->association_id);
	}
	r->out.result = MAPI_E_SUCCESS;
	return 0;
}

static uint32_t nspi_unbind(struct engine_context *ctx, TALLOC_CTX *mem_ctx,
			    const struct engine_caller *caller, void *rv)
{
	struct NspiUnbind *r = rv;
	bool destroyed = nspi_session_destroy(ctx->nspi, &r->in.contextHandle->uuid,
					      caller->user_sid, caller->association_id);

	/* Rule 3: the handle goes back NULL (all zero) either way. */
	r->out.contextHandle = talloc_zero(mem_ctx, struct policy_handle);
	if (r->out.contextHandle == NULL) {
		return ENGINE_FAULT_CANT_PERFORM;
	}
	r->out.result = destroyed ? MAPI_STATUS_UnbindSuccess : MAPI_STATUS_UnbindFailure;
	return 0;
}

static const engine_ndr_op nspi_ops[NSPI_CALL_COUNT] = {
	[0] = nspi_bind,
	[1] = nspi_unbind,
	[2] = nspi_browse_update_stat,
	[3] = nspi_browse_query_rows,
	[4] = nspi_search_seek_entries,
	[5] = nspi_match_get_matches,
	[6] = nspi_search_resort_restriction,
	[7] = nspi_browse_dn_to_mid,
	[8] = nspi_browse_get_prop_list,
	[9] = nspi_browse_get_props,
	[10] = nspi_browse_compare_mids,
	[11] = nspi_modify_mod_props,
	[12] = nspi_search_get_special_table,
	[13] = nspi_search_get_template_info,
	[14] = nspi_modify_mod_link_att,
	[16] = nspi_browse_query_columns,
	[19] = nspi_search_resolve_names,
	[20] = nspi_search_resolve_names_w,
};

const struct engine_ndr_iface nspi_ndr_iface = {
	.table = &sambex_ndr_table_nspi,
	.calls = sambex_ndr_calls_nspi,
	.ops = nspi_ops,
};
