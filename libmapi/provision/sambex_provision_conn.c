/*
 * sambex_provision_conn.c — opening the directory (local sam.ldb or LDAP), messages,
 * transactions and the schema-master check shared by every provisioning step.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <tevent.h>
#include <ldb.h>
#include <param.h>
#include <credentials.h>

#include "sambex_provision.h"

/* From libsamdb (samba/session.h drags in headers that need Samba's private build flags). */
struct auth_session_info *system_session(struct loadparm_context *lp_ctx);

const char *sambex_prov_error(const struct sambex_prov *p)
{
	return p->error != NULL ? p->error : "";
}

int sambex_prov_fail(struct sambex_prov *p, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	talloc_free(p->error);
	p->error = talloc_vasprintf(p, fmt, ap);
	va_end(ap);
	/* Server error strings carry line breaks; the admin gets one line. */
	for (char *c = p->error; c != NULL && *c != '\0'; c++)
		if (*c == '\n' || *c == '\r')
			*c = ' ';
	return SAMBEX_PROV_FAILED;
}

void sambex_prov_say(struct sambex_prov *p, const char *fmt, ...)
{
	va_list ap;
	char *line;

	if (p->note == NULL)
		return;
	va_start(ap, fmt);
	line = talloc_vasprintf(p, fmt, ap);
	va_end(ap);
	if (line != NULL)
		p->note(p->note_priv, line);
	talloc_free(line);
}

void sambex_prov_names_default(struct sambex_prov_names *n)
{
	static char host[256];

	if (gethostname(host, sizeof(host) - 1) != 0)
		strcpy(host, "localhost");
	host[sizeof(host) - 1] = '\0';
	/* The NetBIOS-style short name: the first label. */
	char *dot = strchr(host, '.');
	if (dot != NULL)
		*dot = '\0';
	n->org = "First Organization";
	/* Exchange 2007+'s fixed group name (ORG-LAYOUT.md §1: MS-OXCPERM §4.1 example). */
	n->admin_group = "Exchange Administrative Group (FYDIBOHF23SPDLT)";
	n->server = host;
	n->fqdn = NULL;
}

int sambex_prov_begin(struct sambex_prov *p)
{
	if (p->remote)
		return SAMBEX_PROV_OK;
	if (ldb_transaction_start(p->ldb) != LDB_SUCCESS)
		return sambex_prov_fail(p, "cannot start a transaction: %s", ldb_errstring(p->ldb));
	return SAMBEX_PROV_OK;
}

int sambex_prov_commit(struct sambex_prov *p)
{
	if (p->remote)
		return SAMBEX_PROV_OK;
	if (ldb_transaction_commit(p->ldb) != LDB_SUCCESS)
		return sambex_prov_fail(p, "cannot commit: %s", ldb_errstring(p->ldb));
	return SAMBEX_PROV_OK;
}

void sambex_prov_cancel(struct sambex_prov *p)
{
	if (!p->remote)
		ldb_transaction_cancel(p->ldb);
}

/* The dotted DNS name of a DN made of DC= components ("DC=sambex,DC=test" -> "sambex.test"). */
static const char *dns_from_dn(TALLOC_CTX *mem_ctx, struct ldb_dn *dn)
{
	char *out = talloc_strdup(mem_ctx, "");

	for (int i = 0; out != NULL && i < ldb_dn_get_comp_num(dn); i++) {
		/* (param.h renames struct ldb_val, so no local of that type here) */
		out = talloc_asprintf_append(out, "%s%.*s", i ? "." : "",
					     (int)ldb_dn_get_component_val(dn, i)->length,
					     (const char *)ldb_dn_get_component_val(dn, i)->data);
	}
	if (out != NULL)
		for (char *c = out; *c; c++)
			*c = (char)tolower((unsigned char)*c);
	return out;
}

/* Turns ldb's connect failure into one sentence the admin can act on. */
static char *connect_message(TALLOC_CTX *mem_ctx, const char *url, int rc, const char *why)
{
	if (why == NULL)
		why = ldb_strerror(rc);
	if (rc == LDB_ERR_INVALID_CREDENTIALS || strstr(why, "LOGON_FAILURE") != NULL ||
	    strstr(why, "nvalid credentials") != NULL || strstr(why, "WRONG_PASSWORD") != NULL)
		return talloc_asprintf(mem_ctx, "wrong user name or password for %s", url);
	return talloc_asprintf(mem_ctx, "cannot reach the directory at %s: %s", url, why);
}

static int read_root_dse(struct sambex_prov *p, const char *url, char **error, TALLOC_CTX *mem_ctx)
{
	static const char *attrs[] = { "defaultNamingContext", "configurationNamingContext",
				       "schemaNamingContext", NULL };
	struct ldb_result *res = NULL;
	int rc = ldb_search(p->ldb, p, &res, ldb_dn_new(p, p->ldb, ""), LDB_SCOPE_BASE, attrs,
			    "(objectClass=*)");

	if (rc != LDB_SUCCESS || res->count != 1 ||
	    ldb_msg_find_attr_as_string(res->msgs[0], "defaultNamingContext", NULL) == NULL) {
		*error = rc != LDB_SUCCESS ? connect_message(mem_ctx, url, rc, ldb_errstring(p->ldb))
					   : talloc_asprintf(mem_ctx, "%s is not an AD directory "
							     "(no defaultNamingContext)", url);
		return SAMBEX_PROV_FAILED;
	}
	const struct ldb_message *m = res->msgs[0];
	p->root_dn = ldb_dn_new(p, p->ldb, ldb_msg_find_attr_as_string(m, "defaultNamingContext", ""));
	p->config_dn = ldb_dn_new(p, p->ldb, ldb_msg_find_attr_as_string(m, "configurationNamingContext", ""));
	p->schema_dn = ldb_dn_new(p, p->ldb, ldb_msg_find_attr_as_string(m, "schemaNamingContext", ""));
	p->dns_domain = dns_from_dn(p, p->root_dn);
	return SAMBEX_PROV_OK;
}

int sambex_prov_open(TALLOC_CTX *mem_ctx, const char *url, const char *user_pw,
		     struct sambex_prov **out, char **error)
{
	struct sambex_prov *p = talloc_zero(mem_ctx, struct sambex_prov);
	struct tevent_context *ev = p ? tevent_context_init(p) : NULL;
	struct loadparm_context *lp = loadparm_init_global(false);

	*out = NULL;
	if (ev == NULL || lp == NULL) {
		*error = talloc_strdup(mem_ctx, "out of memory");
		talloc_free(p);
		return SAMBEX_PROV_FAILED;
	}
	p->remote = strncmp(url, "ldap://", 7) == 0 || strncmp(url, "ldaps://", 8) == 0;
	if (!p->remote && access(url, R_OK | W_OK) != 0) {
		/* ldb would silently create an empty database at a wrong path. */
		*error = talloc_asprintf(mem_ctx, "cannot open %s: no such readable and writable "
					 "sam.ldb", url);
		talloc_free(p);
		return SAMBEX_PROV_FAILED;
	}
	/* Samba refuses schema writes unless this is set; it only affects our own process. */
	lpcfg_set_cmdline(lp, "dsdb:schema update allowed", "true");
	p->ldb = ldb_init(p, ev);
	ldb_set_opaque(p->ldb, "loadparm", lp);
	if (p->remote) {
		struct cli_credentials *creds = cli_credentials_init(p);
		cli_credentials_set_conf(creds, lp);
		if (user_pw != NULL)
			cli_credentials_parse_string(creds, user_pw, CRED_SPECIFIED);
		else
			cli_credentials_set_anonymous(creds);
		ldb_set_opaque(p->ldb, "credentials", creds);
	} else {
		ldb_set_opaque(p->ldb, "sessionInfo", system_session(lp));
	}
	/* Over LDAP a DC returns at most MaxPageSize (1000) entries per search unless asked page by
	 * page; Samba's paged_searches module does that for every search (newuser --all). */
	static const char *remote_options[] = { "modules:paged_searches", NULL };
	int rc = ldb_connect(p->ldb, url, 0, p->remote ? remote_options : NULL);
	if (rc != LDB_SUCCESS) {
		*error = connect_message(mem_ctx, url, rc, ldb_errstring(p->ldb));
		talloc_free(p);
		return SAMBEX_PROV_FAILED;
	}
	if (read_root_dse(p, url, error, mem_ctx) != SAMBEX_PROV_OK) {
		talloc_free(p);
		return SAMBEX_PROV_FAILED;
	}
	*out = p;
	return SAMBEX_PROV_OK;
}

/* The schema master is the nTDSDSA object named by the schema NC's fSMORoleOwner (MS-ADTS
 * §3.1.1.1.11); the DC we talk to is the rootDSE's dsServiceName. */
int sambex_prov_check_schema_master(struct sambex_prov *p)
{
	static const char *root_attrs[] = { "dsServiceName", NULL };
	static const char *fsmo_attrs[] = { "fSMORoleOwner", NULL };
	struct ldb_result *root = NULL, *fsmo = NULL;
	TALLOC_CTX *tmp = talloc_new(p);

	int rc = ldb_search(p->ldb, tmp, &root, ldb_dn_new(tmp, p->ldb, ""), LDB_SCOPE_BASE,
			    root_attrs, "(objectClass=*)");
	if (rc == LDB_SUCCESS)
		rc = ldb_search(p->ldb, tmp, &fsmo, p->schema_dn, LDB_SCOPE_BASE, fsmo_attrs,
				"(objectClass=*)");
	if (rc != LDB_SUCCESS || root->count != 1 || fsmo->count != 1) {
		talloc_free(tmp);
		return sambex_prov_fail(p, "cannot read the schema master role: %s",
					ldb_errstring(p->ldb));
	}
	struct ldb_dn *me = ldb_msg_find_attr_as_dn(p->ldb, tmp, root->msgs[0], "dsServiceName");
	struct ldb_dn *master = ldb_msg_find_attr_as_dn(p->ldb, tmp, fsmo->msgs[0], "fSMORoleOwner");
	if (me == NULL || master == NULL || ldb_dn_compare(me, master) != 0) {
		const char *who = master ? ldb_dn_get_linearized(master) : "unknown";
		int r = sambex_prov_fail(p, "this DC is not the schema master (the role is held by "
					 "%s); run the command against the schema master", who);
		talloc_free(tmp);
		return r;
	}
	talloc_free(tmp);
	return SAMBEX_PROV_OK;
}

char *sambex_prov_oid_from_guid(TALLOC_CTX *mem_ctx, const char *guid)
{
	/* Digit groups of the 32 hex digits: 4,4,4,4,4,6,6 (the oidgen scheme, SOURCES.md). */
	static const int widths[] = { 4, 4, 4, 4, 4, 6, 6 };
	char hex[33];
	size_t n = 0;

	for (const char *c = guid; *c != '\0'; c++) {
		if (*c == '-')
			continue;
		if (!isxdigit((unsigned char)*c) || n == 32)
			return NULL;
		hex[n++] = *c;
	}
	if (n != 32)
		return NULL;
	hex[32] = '\0';
	char *oid = talloc_strdup(mem_ctx, "1.2.840.113556.1.8000.2554");
	size_t at = 0;
	for (size_t i = 0; oid != NULL && i < sizeof(widths) / sizeof(widths[0]); i++) {
		char part[7];
		memcpy(part, hex + at, (size_t)widths[i]);
		part[widths[i]] = '\0';
		at += (size_t)widths[i];
		oid = talloc_asprintf_append(oid, ".%lu", strtoul(part, NULL, 16));
	}
	return oid;
}

/* The 16 bytes AD stores for a GUID in text form (MS-DTYP §2.3.4: first three fields
 * little-endian). Returns false for a malformed GUID. */
bool sambex_prov_guid_bytes(const char *text, uint8_t out[16])
{
	/* byte order of the text's hex pairs in the stored form */
	static const int order[16] = { 3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15 };
	uint8_t raw[16];
	int n = 0;

	for (const char *c = text; *c != '\0' && n < 32; c++) {
		if (*c == '-')
			continue;
		if (!isxdigit((unsigned char)*c))
			return false;
		char digit[2] = { *c, '\0' };
		unsigned long nib = strtoul(digit, NULL, 16);
		raw[n / 2] = (uint8_t)(n % 2 ? (raw[n / 2] | nib) : (nib << 4));
		n++;
	}
	if (n != 32)
		return false;
	for (int i = 0; i < 16; i++)
		out[i] = raw[order[i]];
	return true;
}
