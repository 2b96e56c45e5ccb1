/*
 * The generated client stubs through Samba's own client machinery: a loopback
 * dcerpc_binding_handle whose transport is an in-process "server" built on the same interface
 * tables the plugin will use (pull [in] with LIBNDR_FLAG_REF_ALLOC, fill [out], push [out]).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>
#include <errno.h>

#include <dcerpc.h>
#include <tevent.h>

#include "emsmdb.h"
#include "nspi.h"
#include "rfr.h"

struct loopback {
	const struct ndr_interface_table *table;
	uint32_t calls;
};

struct loopback_call {
	DATA_BLOB out;
};

/* The "server": answers NspiBind, EcDoRpcExt2 and RfrGetNewDSA. */
static void serve(TALLOC_CTX *mem_ctx, const struct ndr_interface_table *table, uint32_t opnum,
		  void *r)
{
	if (table == &sambex_ndr_table_nspi && opnum == NSPI_OPNUM_NSPIBIND) {
		struct NspiBind *b = r;

		b->out.contextHandle->uuid.time_low = 0x1234;
		if (b->out.pServerGuid != NULL) {
			memset(b->out.pServerGuid->ab, 0xab, 16);
		}
		b->out.result = b->in.pStat->CodePage == 1252 ? 0 : 0x80040111;
	} else if (table == &sambex_ndr_table_emsmdb && opnum == EMSMDB_OPNUM_ECDORPCEXT2) {
		struct EcDoRpcExt2 *e = r;

		/* echo rgbIn back as rgbOut, as much as pcbOut allows */
		*e->out.pcbOut = e->in.cbIn < *e->in.pcbOut ? e->in.cbIn : *e->in.pcbOut;
		e->out.rgbOut = talloc_memdup(mem_ctx, e->in.rgbIn, *e->out.pcbOut);
		*e->out.pcbAuxOut = 0;
		e->out.pulTransTime = talloc_zero(mem_ctx, uint32_t);
		*e->out.pulTransTime = 7;
		e->out.result = 0;
	} else {
		struct RfrGetNewDSA *d = r;

		*d->out.ppszServer = "dc1.example.test";
		d->out.result = 0;
	}
}

static struct tevent_req *loopback_send(TALLOC_CTX *mem_ctx, struct tevent_context *ev,
					struct dcerpc_binding_handle *h, const struct GUID *object,
					uint32_t opnum, uint32_t in_flags, const uint8_t *in_data,
					size_t in_length)
{
	struct loopback *lb = dcerpc_binding_handle_data(h, struct loopback);
	const struct ndr_interface_call *call = &lb->table->calls[opnum];
	struct loopback_call *state;
	struct tevent_req *req = tevent_req_create(mem_ctx, &state, struct loopback_call);
	DATA_BLOB in = data_blob_const(in_data, in_length);
	struct ndr_pull *pull = ndr_pull_init_blob(&in, state);
	struct ndr_push *push = ndr_push_init_ctx(state);
	void *r = talloc_zero_size(state, call->struct_size);

	lb->calls++;
	pull->flags |= LIBNDR_FLAG_REF_ALLOC;
	if (call->ndr_pull(pull, NDR_IN, r) != NDR_ERR_SUCCESS || pull->offset != in_length) {
		tevent_req_error(req, EPROTO);
		return tevent_req_post(req, ev);
	}
	serve(state, lb->table, opnum, r);
	if (call->ndr_push(push, NDR_OUT, r) != NDR_ERR_SUCCESS) {
		tevent_req_error(req, EPROTO);
		return tevent_req_post(req, ev);
	}
	state->out = ndr_push_blob(push);
	tevent_req_done(req);
	return tevent_req_post(req, ev);
}

static NTSTATUS loopback_recv(struct tevent_req *req, TALLOC_CTX *mem_ctx, uint8_t **out_data,
			      size_t *out_length, uint32_t *out_flags)
{
	struct loopback_call *state = tevent_req_data(req, struct loopback_call);
	enum tevent_req_state req_state;
	uint64_t err;

	if (tevent_req_is_error(req, &req_state, &err)) {
		return NT_STATUS_RPC_PROTOCOL_ERROR;
	}
	*out_data = talloc_move(mem_ctx, &state->out.data);
	*out_length = state->out.length;
	*out_flags = 0;
	return NT_STATUS_OK;
}

static bool loopback_connected(struct dcerpc_binding_handle *h)
{
	return true;
}

static const struct dcerpc_binding_handle_ops loopback_ops = {
	.name = "sambex-loopback",
	.is_connected = loopback_connected,
	.raw_call_send = loopback_send,
	.raw_call_recv = loopback_recv,
};

static struct dcerpc_binding_handle *loopback_handle(TALLOC_CTX *mem_ctx,
						     const struct ndr_interface_table *table)
{
	struct loopback *lb;
	struct dcerpc_binding_handle *h = dcerpc_binding_handle_create(mem_ctx, &loopback_ops, NULL,
								      table, &lb, struct loopback,
								      __location__);

	assert_non_null(h);
	lb->table = table;
	return h;
}

static void test_nspi_bind(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct dcerpc_binding_handle *h = loopback_handle(mem_ctx, &sambex_ndr_table_nspi);
	struct nspi_STAT stat = { .CodePage = 1252, .TemplateLocale = 0x409, .SortLocale = 0x409 };
	struct nspi_FlatUID_r guid;
	struct policy_handle handle;
	struct NspiBind r;

	memset(&guid, 0, sizeof(guid));
	memset(&handle, 0, sizeof(handle));
	memset(&r, 0, sizeof(r));
	r.in.pStat = &stat;
	r.in.pServerGuid = &guid;
	r.out.pServerGuid = &guid;
	r.out.contextHandle = &handle;
	assert_true(NT_STATUS_IS_OK(dcerpc_NspiBind_r(h, mem_ctx, &r)));
	assert_int_equal(r.out.result, 0);
	assert_int_equal(r.out.contextHandle->uuid.time_low, 0x1234);
	assert_int_equal(r.out.pServerGuid->ab[15], 0xab);
	talloc_free(mem_ctx);
}

static void test_emsmdb_rpcext2(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct dcerpc_binding_handle *h = loopback_handle(mem_ctx, &sambex_ndr_table_emsmdb);
	static const uint8_t rop[] = { 0, 0, 4, 0, 5, 0, 5, 0, 5, 0, 1, 0, 0 };
	struct policy_handle cxh = { .handle_type = 0, .uuid = { .time_low = 0x1234 } };
	uint32_t flags = 0, cb_out = 0x40000, cb_aux = 0x1008;
	struct EcDoRpcExt2 r;

	memset(&r, 0, sizeof(r));
	r.in.pcxh = &cxh;
	r.in.pulFlags = &flags;
	r.in.rgbIn = discard_const_p(uint8_t, rop);
	r.in.cbIn = sizeof(rop);
	r.in.pcbOut = &cb_out;
	r.in.cbAuxIn = 0;
	r.in.pcbAuxOut = &cb_aux;
	r.out.pcxh = &cxh;
	r.out.pulFlags = &flags;
	r.out.pcbOut = &cb_out;
	r.out.pcbAuxOut = &cb_aux;
	assert_true(NT_STATUS_IS_OK(dcerpc_EcDoRpcExt2_r(h, mem_ctx, &r)));
	assert_int_equal(r.out.result, 0);
	assert_int_equal(*r.out.pcbOut, sizeof(rop));
	assert_memory_equal(r.out.rgbOut, rop, sizeof(rop));
	assert_int_equal(*r.out.pulTransTime, 7);
	talloc_free(mem_ctx);
}

static void test_rfr_getnewdsa(void **state)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct dcerpc_binding_handle *h = loopback_handle(mem_ctx, &sambex_ndr_table_rfr);
	const char *server = NULL;
	struct RfrGetNewDSA r;

	memset(&r, 0, sizeof(r));
	r.in.pUserDN = "/o=Sambex/ou=First/cn=Recipients/cn=alice";
	r.in.ppszServer = &server;
	r.out.ppszServer = &server;
	assert_true(NT_STATUS_IS_OK(dcerpc_RfrGetNewDSA_r(h, mem_ctx, &r)));
	assert_int_equal(r.out.result, 0);
	assert_non_null(r.out.ppszServer);
	assert_string_equal(*r.out.ppszServer, "dc1.example.test");
	talloc_free(mem_ctx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nspi_bind),
		cmocka_unit_test(test_emsmdb_rpcext2),
		cmocka_unit_test(test_rfr_getnewdsa),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
