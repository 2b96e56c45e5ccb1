/*
 * nspi_client: the client side shared by nspi_check and the NSPI benchmark — a signed NTLM
 * connection to the sandbox DC's NSPI endpoint, one call through the generated codecs, NspiBind
 * and small builders (see nspi_check.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <talloc.h>
#include <tevent.h>
#include <ndr.h>
#include <credentials.h>
#include <param.h>
#include <dcerpc.h>
#include <gen_ndr/misc.h>

#include "nspi.h"

#include "nspi_check.h"

const char *env(const char *name)
{
	const char *v = getenv(name);

	if (v == NULL) {
		fprintf(stderr, "nspi_check: %s is not set\n", name);
		exit(2);
	}
	return v;
}

/*
 * With NSPI_CHECK_DUMP=DIR, each request is also written to DIR as one byte of opnum and the NDR
 * stub: the seed corpus of the nspi_ops fuzz target comes from there.
 */
static void dump_request(struct client *c, uint32_t opnum, void *r)
{
	static unsigned n;
	const char *dir = getenv("NSPI_CHECK_DUMP");
	struct ndr_push *push;
	char path[512];
	FILE *f;

	if (dir == NULL || (push = ndr_push_init_ctx(c->mem)) == NULL ||
	    c->table->calls[opnum].ndr_push(push, NDR_IN, r) != NDR_ERR_SUCCESS) {
		return;
	}
	snprintf(path, sizeof(path), "%s/op%02u_%03u", dir, opnum, n++);
	f = fopen(path, "wb");
	if (f != NULL) {
		fputc((int)opnum, f);
		fwrite(push->data, 1, push->offset, f);
		fclose(f);
	}
	talloc_free(push);
}

/*
 * One call through the generated codecs. Samba's binding handle takes only calls made with the
 * table it was bound with, and ours is a copy of sambex_ndr_table_nspi with the endpoint mapper
 * forced (no endpoints): the same codecs, another table pointer.
 */
NTSTATUS call(struct client *c, uint32_t opnum, void *r)
{
	dump_request(c, opnum, r);
	return dcerpc_binding_handle_call(c->h, NULL, c->table, opnum, c->mem, r);
}

struct dcerpc_binding_handle *connect_nspi(TALLOC_CTX *mem, struct tevent_context *ev,
						  const struct ndr_interface_table **table_r)
{
	static const char *const authservice_names[] = { "host" };
	static const struct ndr_interface_string_array no_endpoints = { 0, NULL };
	static const struct ndr_interface_string_array authservices = { 1, authservice_names };
	struct loadparm_context *lp = loadparm_init_global(true);
	struct cli_credentials *creds = cli_credentials_init(mem);
	struct ndr_interface_table *table = talloc(mem, struct ndr_interface_table);
	struct dcerpc_pipe *p;
	NTSTATUS status;

	*table = sambex_ndr_table_nspi;
	*table_r = table;
	table->endpoints = &no_endpoints;	/* epm lookup on 135 */
	table->authservices = &authservices;
	cli_credentials_set_conf(creds, lp);
	cli_credentials_set_username(creds, env("PROBE_USER"), CRED_SPECIFIED);
	cli_credentials_set_password(creds, env("PROBE_PASSWORD"), CRED_SPECIFIED);
	cli_credentials_set_domain(creds, env("SANDBOX_DOMAIN"), CRED_SPECIFIED);
	cli_credentials_set_realm(creds, env("SANDBOX_REALM"), CRED_SPECIFIED);
	cli_credentials_set_kerberos_state(creds, CRED_USE_KERBEROS_DISABLED, CRED_SPECIFIED);
	status = dcerpc_pipe_connect(mem, &p,
				     talloc_asprintf(mem, "ncacn_ip_tcp:%s[sign]", env("SANDBOX_IP")),
				     table, creds, ev, lp);
	if (!NT_STATUS_IS_OK(status)) {
		printf("# connect: %s\n", nt_errstr(status));
		return NULL;
	}
	return p->binding_handle;
}

struct nspi_STAT stat_at(uint32_t current, int32_t delta)
{
	struct nspi_STAT s = { .CurrentRec = current, .Delta = delta, .CodePage = CP_1252,
			       .TemplateLocale = 0x409, .SortLocale = 0x409 };

	return s;
}

bool bind(struct client *c)
{
	struct NspiBind r = { 0 };
	struct nspi_STAT stat = stat_at(0, 0);
	struct nspi_FlatUID_r guid = { 0 };

	r.in.pStat = &stat;
	r.in.pServerGuid = &guid;
	r.out.pServerGuid = &guid;
	r.out.contextHandle = &c->handle;
	NTSTATUS st = call(c, NSPI_OPNUM_NSPIBIND, &r);

	if (!NT_STATUS_IS_OK(st) || r.out.result != S_OK) {
		printf("# NspiBind: %s, result 0x%08x\n", nt_errstr(st), r.out.result);
		return false;
	}
	if (r.out.pServerGuid == NULL) {
		return false;
	}
	memcpy(c->server_guid, r.out.pServerGuid->ab, 16);
	return true;
}


struct nspi_PropertyTagArray_r *tags(TALLOC_CTX *mem, uint32_t n, const uint32_t *t)
{
	struct nspi_PropertyTagArray_r *a = talloc_zero(mem, struct nspi_PropertyTagArray_r);

	a->cValues = n;
	a->aulPropTag = talloc_memdup(a, t, n * sizeof(uint32_t));
	return a;
}


const struct nspi_PropertyValue_r *prop(const struct nspi_PropertyRow_r *row, uint32_t tag)
{
	for (uint32_t i = 0; row != NULL && i < row->cValues; i++) {
		if (row->lpProps[i].ulPropTag == tag) {
			return &row->lpProps[i];
		}
	}
	return NULL;
}

