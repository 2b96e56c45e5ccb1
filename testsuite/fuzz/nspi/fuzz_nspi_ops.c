/*
 * Fuzz target: every NSPI operation on hostile requests (mapiproxy/nspi through the engine's NDR
 * adapter). The input is one byte of opnum then the NDR stub. A session is bound beforehand, with
 * a GAL of synthetic rows and no directory, and for every opnum but NspiBind the first 20 bytes
 * (the context handle, the first parameter of each) are made that session's handle, so the
 * operations run instead of stopping at the handle check. Whatever the bytes, the engine must
 * answer (a reply or a fault), never crash, never leak past the call's context.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "engine_ndr.h"
#include "mapi_guid.h"
#include "nspi_ops.h"
#include "nspi_session.h"
#include "nspi_table.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define USER "S-1-5-21-1-2-3-1104"
#define ASSOC 7

static const char *const names[] = { "Alice Anders", "bob Baker", "Zo\xc3\xab Zander", "Group 1",
				     "" };
static const char *const classes[] = { "user", "user", "user", "group", "contact" };

static void require(bool cond)
{
	if (!cond) {
		abort();
	}
}

static struct engine_context ctx;
static struct GUID handle;
static bool ready;

/*
 * The session every request reaches, with a 5-row GAL; made again when a fuzzed NspiUnbind ended
 * it, or NspiBinds piled up sessions.
 */
static struct engine_context *fuzz_context(struct GUID *handle_r)
{
	if (ready && (nspi_session_find(ctx.nspi, &handle, USER, ASSOC) == NULL ||
		      nspi_session_count(ctx.nspi) > 32)) {
		talloc_free(ctx.nspi);
		ready = false;
	}
	if (!ready) {
		struct nspi_session *s;

		ctx.server_guid = mapi_guid_random();
		ctx.nspi = nspi_sessions_new(NULL);
		s = nspi_session_create(ctx.nspi, USER, ASSOC, 1252, 0x409, 0x409);
		require(s != NULL);
		s->table = nspi_table_new(s);
		require(s->table != NULL);
		s->table->gal = talloc_zero_array(s->table, struct nspi_entry *, 5);
		for (int i = 0; i < 5; i++) {
			struct ldb_message *msg = ldb_msg_new(s->table);

			require(msg != NULL);
			ldb_msg_add_string(msg, "objectClass", classes[i]);
			ldb_msg_add_string(msg, "displayName", names[i]);
			ldb_msg_add_fmt(msg, "legacyExchangeDN", "/o=Sambex/cn=Recipients/cn=u%d", i);
			ldb_msg_add_fmt(msg, "mail", "u%d@sambex.test", i);
			ldb_msg_add_string(msg, "memberOf", "CN=Group 1,CN=Users,DC=sambex,DC=test");
			s->table->gal[s->table->gal_count++] = nspi_table_add(s->table, msg, true);
		}
		nspi_table_sort(s->table);
		s->table->gal_loaded = true;
		handle = s->handle;
		ready = true;
	}
	*handle_r = handle;
	return &ctx;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct engine_caller caller = { .user_sid = USER, .association_id = ASSOC };
	struct engine_call call = { .iface = ENGINE_IFACE_NSPI, .caller = caller };
	struct engine_reply reply;
	struct GUID session_handle;
	struct engine_context *engine = fuzz_context(&session_handle);
	TALLOC_CTX *mem_ctx;
	uint8_t *stub;

	if (size < 1) {
		return 0;
	}
	mem_ctx = talloc_new(NULL);
	stub = talloc_memdup(mem_ctx, data + 1, size - 1);
	require(mem_ctx != NULL && (stub != NULL || size == 1));
	call.opnum = data[0];
	if (call.opnum != 0 && size - 1 >= 20) {
		memset(stub, 0, 4);				/* handle_type */
		mapi_guid_to_wire(&session_handle, stub + 4);	/* uuid, as on the wire */
	}
	call.stub = stub;
	call.stub_len = size - 1;
	engine_ndr_dispatch(engine, mem_ctx, &nspi_ndr_iface, &call, &reply);
	require(reply.fault != 0 || reply.stub_len > 0);
	if (getenv("FUZZ_NSPI_TRACE") != NULL) {
		fprintf(stderr, "opnum %u: fault 0x%08x, %zu reply bytes\n", call.opnum, reply.fault,
			reply.stub_len);
	}
	talloc_free(mem_ctx);
	return 0;
}
