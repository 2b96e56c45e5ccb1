/*
 * rpc_probe: a DCE/RPC client for the integration tests. Binds to one of the four Sambex
 * interfaces the way Outlook does — endpoint mapper lookup on port 135, then a signed (or sealed)
 * bind with NTLM or Kerberos inside SPNEGO — sends one request stub and prints the answer:
 *
 *   ok <hex of the reply stub>     the call returned a response PDU
 *   fault 0x<code>                 the call returned a fault PDU
 *   error <NTSTATUS> (<where>)     connect, bind or transport failed
 *
 * Usage: rpc_probe IFACE AUTH OPNUM HEX-STUB [OPNUM HEX-STUB]...
 *   IFACE  emsmdb | asyncemsmdb | nspi | rfr
 *   AUTH   ntlm | krb5 | anonymous
 *   Several calls run in order on one connection (one association), one answer line each. In a
 *   later stub, "{OFF:LEN}" stands for LEN bytes at offset OFF of the previous reply (a context
 *   handle NspiBind returned, say).
 * Reads SANDBOX_IP, SANDBOX_DOMAIN, SANDBOX_REALM, SANDBOX_ADMIN, SANDBOX_PASSWORD (and
 * KRB5_CONFIG) from the environment; PROBE_USER and PROBE_PASSWORD, if set, log on as another user;
 * PROBE_BINDING, if set, replaces the binding string (another transport); PROBE_OPTIONS, if set,
 * replaces the binding options ("seal", "connect"...; default "sign", none for anonymous). Exit status 0 for ok/fault, 1 for error, 2 for usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <talloc.h>
#define TEVENT_DEPRECATED	/* for tevent_loop_allow_nesting(), see main() */
#include <tevent.h>
#include <ndr.h>
#include <credentials.h>
#include <param.h>
#include <dcerpc.h>
#include <gen_ndr/misc.h>

#include "hex.h"

struct probe_iface {
	const char *name;
	const char *uuid;
	uint32_t if_version;
};

/* rpc-operations.tsv */
static const struct probe_iface probe_ifaces[] = {
	{ "emsmdb", "a4f1db00-ca47-1067-b31f-00dd010662da", 81U << 16 },
	{ "asyncemsmdb", "5261574a-4572-206e-b268-6b199213b4e4", 1U << 16 },
	{ "nspi", "f5cc5a18-4264-101a-8c59-08002b2f8426", 56 },
	{ "rfr", "1544f5e0-613c-11d1-93df-00c04fd7bd09", 1 },
};

static const char *env(const char *name)
{
	const char *v = getenv(name);

	if (v == NULL) {
		fprintf(stderr, "rpc_probe: %s is not set (run inside testsuite/sandbox/sandbox)\n", name);
		exit(2);
	}
	return v;
}

/* $name if set, else the sandbox variable fallback (which must be set). */
static const char *env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);

	return v != NULL ? v : env(fallback);
}

static struct cli_credentials *make_creds(TALLOC_CTX *mem_ctx, struct loadparm_context *lp,
					  const char *auth)
{
	struct cli_credentials *creds = cli_credentials_init(mem_ctx);

	cli_credentials_set_conf(creds, lp);
	if (strcmp(auth, "anonymous") == 0) {
		cli_credentials_set_anonymous(creds);
		return creds;
	}
	/* PROBE_USER / PROBE_PASSWORD: another account than the sandbox's administrator. */
	cli_credentials_set_username(creds, env_or("PROBE_USER", "SANDBOX_ADMIN"), CRED_SPECIFIED);
	cli_credentials_set_password(creds, env_or("PROBE_PASSWORD", "SANDBOX_PASSWORD"),
				     CRED_SPECIFIED);
	cli_credentials_set_domain(creds, env("SANDBOX_DOMAIN"), CRED_SPECIFIED);
	cli_credentials_set_realm(creds, env("SANDBOX_REALM"), CRED_SPECIFIED);
	cli_credentials_set_kerberos_state(creds,
		strcmp(auth, "krb5") == 0 ? CRED_USE_KERBEROS_REQUIRED : CRED_USE_KERBEROS_DISABLED,
		CRED_SPECIFIED);
	return creds;
}

/*
 * The stub's hex with each "{OFF:LEN}" replaced by LEN bytes at OFF of the previous reply; NULL if
 * a reference falls outside it.
 */
static const char *expand_stub(TALLOC_CTX *mem_ctx, const char *stub, const uint8_t *prev,
			       size_t prev_len)
{
	char *out = talloc_strdup(mem_ctx, "");
	const char *at;

	while (out != NULL && (at = strchr(stub, '{')) != NULL) {
		unsigned long off, len;
		char *end;

		off = strtoul(at + 1, &end, 10);
		if (*end != ':') {
			return NULL;
		}
		len = strtoul(end + 1, &end, 10);
		if (*end != '}' || prev == NULL || off > prev_len || len > prev_len - off) {
			return NULL;
		}
		out = talloc_asprintf_append_buffer(out, "%.*s%s", (int)(at - stub), stub,
						    test_hex_encode(mem_ctx, prev + off, len));
		stub = end + 1;
	}
	return out != NULL ? talloc_asprintf_append_buffer(out, "%s", stub) : NULL;
}

int main(int argc, char **argv)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);
	struct tevent_context *ev = tevent_context_init(mem_ctx);
	struct loadparm_context *lp = loadparm_init_global(true);
	const struct probe_iface *pi = NULL;
	struct ndr_interface_table *table;
	struct dcerpc_pipe *p = NULL;
	uint8_t *in, *out = NULL;
	size_t in_len = 0, out_len = 0;
	uint32_t out_flags = 0;
	const char *binding;
	NTSTATUS status;

	setvbuf(stdout, NULL, _IOLBF, 0);	/* the answer line survives a sanitizer exit */
	dcerpc_init();	/* registers the gensec (SPNEGO, NTLMSSP, Kerberos) backends */
	/* Samba's kinit runs a nested event loop on the same context while connecting. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
	tevent_loop_allow_nesting(ev);
#pragma GCC diagnostic pop
	if (argc < 5) {
		fprintf(stderr, "usage: rpc_probe IFACE AUTH OPNUM HEX-STUB [BINDING-OPTIONS]\n");
		return 2;
	}
	for (size_t i = 0; i < sizeof(probe_ifaces) / sizeof(probe_ifaces[0]); i++) {
		if (strcmp(probe_ifaces[i].name, argv[1]) == 0) {
			pi = &probe_ifaces[i];
		}
	}
	if (pi == NULL || argc % 2 != 1) {
		fprintf(stderr, "rpc_probe: unknown interface, or an opnum without a stub\n");
		return 2;
	}
	/* libdcerpc reads the well-known endpoint and auth service lists; none and "host". */
	static const char *const authservice_names[] = { "host" };
	static const struct ndr_interface_string_array no_endpoints = { 0, NULL };
	static const struct ndr_interface_string_array authservices = { 1, authservice_names };

	table = talloc_zero(mem_ctx, struct ndr_interface_table);
	table->name = pi->name;
	table->endpoints = &no_endpoints;
	table->authservices = &authservices;
	GUID_from_string(pi->uuid, &table->syntax_id.uuid);
	table->syntax_id.if_version = pi->if_version;

	/* No port: libdcerpc asks the endpoint mapper on 135 for this syntax. */
	binding = talloc_asprintf(mem_ctx, "ncacn_ip_tcp:%s[%s]", env("SANDBOX_IP"),
				  getenv("PROBE_OPTIONS") != NULL ? getenv("PROBE_OPTIONS") :
				  strcmp(argv[2], "anonymous") == 0 ? "" : "sign");
	if (getenv("PROBE_BINDING") != NULL) {
		binding = getenv("PROBE_BINDING");	/* e.g. ncalrpc:[SAMBEX,sign] */
	} else if (strcmp(argv[2], "krb5") == 0) {
		/* Kerberos needs the server's name for its principal, not the address. */
		binding = talloc_asprintf(mem_ctx, "%.*s,target_hostname=%s.%s]",
					  (int)strlen(binding) - 1, binding, env("SANDBOX_HOST"),
					  env("SANDBOX_REALM"));
	}
	status = dcerpc_pipe_connect(mem_ctx, &p, binding, table, make_creds(mem_ctx, lp, argv[2]),
				     ev, lp);
	if (!NT_STATUS_IS_OK(status)) {
		printf("error %s (connect %s)\n", nt_errstr(status), binding);
		return 1;
	}
	for (int i = 3; i + 1 < argc; i += 2) {
		const char *hex = expand_stub(mem_ctx, argv[i + 1], out, out_len);

		in = hex != NULL ? test_hex_decode(mem_ctx, hex, &in_len) : NULL;
		if (in == NULL) {
			fprintf(stderr, "rpc_probe: bad stub %s\n", argv[i + 1]);
			return 2;
		}
		status = dcerpc_binding_handle_raw_call(p->binding_handle, NULL,
							(uint32_t)strtoul(argv[i], NULL, 0), 0, in,
							in_len, mem_ctx, &out, &out_len, &out_flags);
		if (NT_STATUS_IS_OK(status)) {
			printf("ok %s\n", test_hex_encode(mem_ctx, out, out_len));
		} else if (p->last_fault_code != 0) {
			printf("fault 0x%08x\n", p->last_fault_code);
			out_len = 0;
		} else {
			printf("error %s (call)\n", nt_errstr(status));
			return 1;
		}
	}
	return 0;
}
