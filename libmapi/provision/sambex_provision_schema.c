/*
 * sambex_provision_schema.c — the Exchange schema objects Sambex adds, defined in this ONE place.
 *
 * Each entry records where its identity (OID, schemaIDGUID) came from; SOURCES.md gives the page.
 *   MS   read on a Microsoft page;
 *   TP   third-party transcription of Exchange's schema (facts only);
 *   OURS identity unknown to us: OID = Microsoft's GUID arc 1.2.840.113556.1.8000.2554 + our own
 *        GUID split into 7 numbers, schemaIDGUID = that GUID. The names (cn, lDAPDisplayName) are
 *        Exchange's, so Sambex reads the same names in a forest prepared by real Exchange; but a
 *        later Exchange /PrepareSchema on a forest provisioned by Sambex would clash with these
 *        objects (docs/provisioning.md, "Caveats"). `provision --additional-server` adds no schema.
 * (X.667's 2.25.<uuid> arc was the first choice; Samba 4.17 refuses it: ber_write_OID_String keeps
 * each arc in an unsigned long, so a 128-bit arc fails with "invalid attribute syntax".)
 */
#include <string.h>

#include <ldb.h>

#include "sambex_provision.h"

struct schema_attr {
	const char *cn;
	const char *name;		/* lDAPDisplayName */
	const char *oid;		/* NULL: derived from guid (OURS) */
	const char *guid;		/* schemaIDGUID */
	const char *syntax;		/* attributeSyntax */
	int om_syntax;
	bool single;
	int search_flags;		/* 1 = indexed (fATTINDEX) */
	int mapi_id;			/* 0: none */
};

struct schema_class {
	const char *cn;
	const char *name;
	const char *oid;		/* NULL: derived from guid (OURS) */
	const char *guid;
	int category;			/* 1 structural, 3 auxiliary */
	const char *sub_class_of;
	const char *aux;		/* auxiliaryClass or NULL */
	const char *may[6];		/* mayContain, NULL-terminated */
};

/* DN-syntax attributes carry this oMObjectClass (0x2b0c0287731c00854a, printed as KwwCh3McAIVK on
 * the Exchange 2003 SDK pages, e.g. ms-Exch-Home-Routing-Group). */
static const uint8_t dn_om_class[] = { 0x2b, 0x0c, 0x02, 0x87, 0x73, 0x1c, 0x00, 0x85, 0x4a };

/* For attributes whose one value most mailbox users share (their database, their server, their
 * recipient type): ldb keeps one index record per value listing every object that has it, so each
 * newuser rewrote a record that grew with the directory (the rate fell from ~690 to ~390 users/s
 * over the first 5000 users). Sambex never searches by them except in deprovision, a one-off
 * scan of the users that objectClass's index already narrows (docs/provisioning.md, "Tests and
 * figures"). */
enum { NOT_INDEXED = 0 };

static const struct schema_attr attrs[] = {
	/* MS: Exchange 2003 SDK ms981774 */
	{ "ms-Exch-Mailbox-Security-Descriptor", "msExchMailboxSecurityDescriptor",
	  "1.2.840.113556.1.4.7000.102.80", "934de926-b09e-11d2-aa06-00c04f8eedd8",
	  "2.5.5.15", 66, true, 8, 35956 },
	/* TP: gist transcribing the Exchange 2007 SDK page aa565483 */
	{ "ms-Exch-Hide-From-Address-Lists", "msExchHideFromAddressLists",
	  "1.2.840.113556.1.4.7000.102.73", "a21c0b96-b093-11d2-aa06-00c04f8eedd8",
	  "2.5.5.8", 1, true, 16, 0 },
	/* MS: Exchange 2003 SDK aa484537 */
	{ "ms-Exch-Server-Role", "msExchServerRole",
	  "1.2.840.113556.1.4.7000.102.15006", "8c8fc29e-b09e-11d2-aa06-00c04f8eedd8",
	  "2.5.5.9", 2, true, 0, 0 },
	/* TP: OID from web2ldap's Exchange plugin, GUID from a schemaIDGUID->name map */
	{ "ms-Exch-Mailbox-Guid", "msExchMailboxGuid",
	  "1.2.840.113556.1.4.7000.102.11058", "9333af48-b09e-11d2-aa06-00c04f8eedd8",
	  "2.5.5.10", 4, true, 1, 0 },
	/* TP: OpenChange directory migration LDIF; GUID cross-checked in the GUID map */
	{ "ms-Exch-Recipient-Display-Type", "msExchRecipientDisplayType",
	  "1.2.840.113556.1.4.7000.102.50730", "b893abb0-767e-4f20-915f-3857bbc96afe",
	  "2.5.5.9", 2, true, NOT_INDEXED, 14597 },
	/* TP: same LDIF */
	{ "ms-Exch-Recipient-Type-Details", "msExchRecipientTypeDetails",
	  "1.2.840.113556.1.4.7000.102.50855", "069ba1f8-540a-42a9-bf26-a7dd35475346",
	  "2.5.5.16", 65, true, NOT_INDEXED, 0 },
	/* OURS: the alias, indexed: one value per user, so its index lists stay short */
	{ "ms-Exch-Mail-Nickname", "mailNickname", NULL, "02041a15-75a1-4ddb-9faa-4c4a96deefc6",
	  "2.5.5.12", 64, true, 1, 0 },
	/* OURS: DN of the user's mailbox database */
	{ "ms-Exch-Home-MDB", "homeMDB", NULL, "c0b4d63a-574c-49b1-a4c1-cc00e1a405e8",
	  "2.5.5.1", 127, true, NOT_INDEXED, 0 },
	/* OURS: legacyExchangeDN of the mailbox server (MS-OXLDAP §2.2.3.3) */
	{ "ms-Exch-Home-Server-Name", "msExchHomeServerName", NULL,
	  "76a55d65-30f8-404b-8fbf-b72da10e7bbe", "2.5.5.12", 64, true, NOT_INDEXED, 0 },
	/* OURS: role bit mask of a server object */
	{ "ms-Exch-Current-Server-Roles", "msExchCurrentServerRoles", NULL,
	  "684e67bb-78ab-4575-a81b-fb1552639005", "2.5.5.9", 2, true, 0, 0 },
	/* OURS: DN of the server that mounts a database */
	{ "ms-Exch-Owning-Server", "msExchOwningServer", NULL,
	  "9a568ab1-901b-4caf-bc4b-1a460774b9e0", "2.5.5.1", 127, true, 0, 0 },
};

/* Step 2: the auxiliary class the others name. */
static const struct schema_class base_classes[] = {
	/* MS: Exchange 2003 SDK ms869168 */
	{ "ms-Exch-Base-Class", "msExchBaseClass", "1.2.840.113556.1.5.7000.62.14",
	  "d8782c34-46ca-11d3-aa72-00c04f8eedd8", 3, "top", NULL,
	  { "legacyExchangeDN", "showInAddressBook", "msExchHideFromAddressLists", NULL } },
};

/* Step 3: structural classes of the organization tree (all under container, whose possible
 * superiors they inherit). */
static const struct schema_class tree_classes[] = {
	/* MS: Exchange 2003 SDK aa484958 */
	{ "ms-Exch-Container", "msExchContainer", "1.2.840.113556.1.5.7000.62.50010",
	  "006c91da-a981-11d2-a9ff-00c04f8eedd8", 1, "container", "msExchBaseClass", { NULL } },
	/* OURS (the classes below) */
	{ "ms-Exch-Organization-Container", "msExchOrganizationContainer", NULL,
	  "681a5369-fa9d-4b02-9c94-715aa58d1f9a", 1, "container", "msExchBaseClass", { NULL } },
	{ "ms-Exch-Admin-Group-Container", "msExchAdminGroupContainer", NULL,
	  "201f2899-7f13-480b-958c-5e1bfa5a2fe6", 1, "container", "msExchBaseClass", { NULL } },
	{ "ms-Exch-Admin-Group", "msExchAdminGroup", NULL,
	  "c87c20ad-5af5-4b00-b7a3-9bcfc75fb7f3", 1, "container", "msExchBaseClass", { NULL } },
	{ "ms-Exch-Servers-Container", "msExchServersContainer", NULL,
	  "e537c3db-98e9-4322-ac9d-906f32d68230", 1, "container", "msExchBaseClass", { NULL } },
	{ "ms-Exch-Exchange-Server", "msExchExchangeServer", NULL,
	  "f6fe5726-1839-42f3-b8cb-9847d00baff8", 1, "container", "msExchBaseClass",
	  { "msExchCurrentServerRoles", "msExchServerRole", "networkAddress", "serialNumber", NULL } },
	{ "ms-Exch-Private-MDB", "msExchPrivateMDB", NULL,
	  "5b110cc9-ab49-4ddb-bc73-1297b144b39b", 1, "container", "msExchBaseClass",
	  { "msExchOwningServer", NULL } },
};

/* Step 4: what Exchange adds to base classes ("add: mayContain" on Mail-Recipient, ee221142). */
static const char *const recipient_may[] = {
	"mailNickname", "homeMDB", "msExchHomeServerName", "msExchMailboxGuid",
	"msExchMailboxSecurityDescriptor", "msExchHideFromAddressLists",
	"msExchRecipientDisplayType", "msExchRecipientTypeDetails", NULL,
};

/* Address lists sit under "CN=Address Lists Container" (an msExchContainer). */
static const char *const address_book_superiors[] = { "msExchContainer", NULL };

/* Whether the schema already defines lDAPDisplayName name (as attribute or class). */
static bool schema_has(struct sambex_prov *p, const char *name)
{
	struct ldb_result *res = NULL;
	static const char *no_attrs[] = { "cn", NULL };
	int rc = ldb_search(p->ldb, p, &res, p->schema_dn, LDB_SCOPE_ONELEVEL, no_attrs,
			    "(lDAPDisplayName=%s)", name);
	bool found = rc == LDB_SUCCESS && res->count > 0;

	talloc_free(res);
	return found;
}

bool sambex_prov_schema_present(struct sambex_prov *p)
{
	return schema_has(p, "msExchMailboxGuid");
}

static struct ldb_message *schema_msg(TALLOC_CTX *mem_ctx, struct sambex_prov *p, const char *cn,
				      const char *name, const char *oid_attr, const char *oid,
				      const char *guid)
{
	struct ldb_message *m = ldb_msg_new(mem_ctx);
	bool is_attr = strcmp(oid_attr, "attributeID") == 0;

	m->dn = ldb_dn_copy(m, p->schema_dn);
	ldb_dn_add_child_fmt(m->dn, "CN=%s", cn);
	ldb_msg_add_string(m, "objectClass", "top");
	ldb_msg_add_string(m, "objectClass", is_attr ? "attributeSchema" : "classSchema");
	ldb_msg_add_string(m, "cn", cn);
	ldb_msg_add_string(m, "adminDisplayName", cn);
	ldb_msg_add_string(m, "adminDescription", cn);
	ldb_msg_add_string(m, "lDAPDisplayName", name);
	ldb_msg_add_string(m, oid_attr, oid ? oid : sambex_prov_oid_from_guid(m, guid));
	uint8_t *g = talloc_array(m, uint8_t, 16);
	if (g != NULL && sambex_prov_guid_bytes(guid, g)) {
		struct ldb_val v = { .data = g, .length = 16 };
		ldb_msg_add_value(m, "schemaIDGUID", &v, NULL);
	}
	ldb_msg_add_string(m, "systemOnly", "FALSE");
	return m;
}

static struct ldb_message *attr_msg(TALLOC_CTX *mem_ctx, struct sambex_prov *p,
				    const struct schema_attr *a)
{
	struct ldb_message *m = schema_msg(mem_ctx, p, a->cn, a->name, "attributeID", a->oid, a->guid);

	ldb_msg_add_string(m, "attributeSyntax", a->syntax);
	ldb_msg_add_fmt(m, "oMSyntax", "%d", a->om_syntax);
	ldb_msg_add_string(m, "isSingleValued", a->single ? "TRUE" : "FALSE");
	ldb_msg_add_fmt(m, "searchFlags", "%d", a->search_flags);
	if (a->mapi_id != 0)
		ldb_msg_add_fmt(m, "mAPIID", "%d", a->mapi_id);
	if (a->om_syntax == 127) {
		struct ldb_val v = { .data = (uint8_t *)dn_om_class, .length = sizeof(dn_om_class) };
		ldb_msg_add_value(m, "oMObjectClass", &v, NULL);
	}
	return m;
}

static struct ldb_message *class_msg(TALLOC_CTX *mem_ctx, struct sambex_prov *p,
				     const struct schema_class *c)
{
	struct ldb_message *m = schema_msg(mem_ctx, p, c->cn, c->name, "governsID", c->oid, c->guid);

	ldb_msg_add_fmt(m, "objectClassCategory", "%d", c->category);
	ldb_msg_add_string(m, "subClassOf", c->sub_class_of);
	ldb_msg_add_string(m, "rDNAttID", "cn");
	ldb_msg_add_string(m, "defaultHidingValue", "TRUE");
	if (c->aux != NULL)
		ldb_msg_add_string(m, "auxiliaryClass", c->aux);
	for (int i = 0; c->may[i] != NULL; i++)
		ldb_msg_add_string(m, "mayContain", c->may[i]);
	ldb_msg_add_fmt(m, "defaultObjectCategory", "CN=%s,%s", c->cn,
			ldb_dn_get_linearized(p->schema_dn));
	return m;
}

/* Asks the DC to reload its schema so the next step can name what this one added. */
static int schema_update_now(struct sambex_prov *p)
{
	struct ldb_message *m = ldb_msg_new(p);

	m->dn = ldb_dn_new(m, p->ldb, "");
	ldb_msg_add_empty(m, "schemaUpdateNow", LDB_FLAG_MOD_ADD, NULL);
	ldb_msg_add_string(m, "schemaUpdateNow", "1");
	int rc = ldb_modify(p->ldb, m);
	talloc_free(m);
	if (rc != LDB_SUCCESS)
		return sambex_prov_fail(p, "the DC did not reload its schema: %s", ldb_errstring(p->ldb));
	return SAMBEX_PROV_OK;
}

/* Adds the messages that are missing, in one transaction, then reloads the schema. */
static int add_missing(struct sambex_prov *p, struct ldb_message **msgs, const char **names,
		       size_t n, const char *what)
{
	unsigned added = 0;

	if (sambex_prov_begin(p) != SAMBEX_PROV_OK)
		return SAMBEX_PROV_FAILED;
	for (size_t i = 0; i < n; i++) {
		if (schema_has(p, names[i]))
			continue;
		if (ldb_add(p->ldb, msgs[i]) != LDB_SUCCESS) {
			const char *why = talloc_strdup(p, ldb_errstring(p->ldb));
			sambex_prov_cancel(p);
			if (why != NULL && strstr(why, "not allowed") != NULL)
				return sambex_prov_fail(p, "the DC refuses schema changes (%s); on a "
							"Samba DC set 'dsdb:schema update allowed = "
							"yes' in smb.conf or run locally on sam.ldb", why);
			return sambex_prov_fail(p, "cannot add %s %s: %s", what, names[i], why);
		}
		sambex_prov_say(p, "schema: added %s %s", what, names[i]);
		added++;
	}
	if (sambex_prov_commit(p) != SAMBEX_PROV_OK)
		return SAMBEX_PROV_FAILED;
	p->changes += added;
	return added ? schema_update_now(p) : SAMBEX_PROV_OK;
}

static int add_attrs(struct sambex_prov *p)
{
	size_t n = sizeof(attrs) / sizeof(attrs[0]);
	struct ldb_message **msgs = talloc_array(p, struct ldb_message *, n);
	const char **names = talloc_array(p, const char *, n);

	for (size_t i = 0; i < n; i++) {
		msgs[i] = attr_msg(msgs, p, &attrs[i]);
		names[i] = attrs[i].name;
	}
	int r = add_missing(p, msgs, names, n, "attribute");
	talloc_free(msgs);
	talloc_free(names);
	return r;
}

static int add_classes(struct sambex_prov *p, const struct schema_class *cls, size_t n)
{
	struct ldb_message **msgs = talloc_array(p, struct ldb_message *, n);
	const char **names = talloc_array(p, const char *, n);

	for (size_t i = 0; i < n; i++) {
		msgs[i] = class_msg(msgs, p, &cls[i]);
		names[i] = cls[i].name;
	}
	int r = add_missing(p, msgs, names, n, "class");
	talloc_free(msgs);
	talloc_free(names);
	return r;
}

/* Adds to attribute attr of the class with lDAPDisplayName cls the values it lacks. */
static int widen_class(struct sambex_prov *p, const char *cls, const char *attr,
		       const char *const *values)
{
	const char *attrs_wanted[] = { attr, NULL };
	struct ldb_result *res = NULL;
	TALLOC_CTX *tmp = talloc_new(p);
	int rc = ldb_search(p->ldb, tmp, &res, p->schema_dn, LDB_SCOPE_ONELEVEL, attrs_wanted,
			    "(&(objectClass=classSchema)(lDAPDisplayName=%s))", cls);

	if (rc != LDB_SUCCESS || res->count != 1) {
		talloc_free(tmp);
		return sambex_prov_fail(p, "schema class %s not found", cls);
	}
	struct ldb_message *m = ldb_msg_new(tmp);
	m->dn = res->msgs[0]->dn;
	struct ldb_message_element *have = ldb_msg_find_element(res->msgs[0], attr);
	unsigned missing = 0;
	for (int i = 0; values[i] != NULL; i++) {
		struct ldb_val v = { .data = (uint8_t *)values[i], .length = strlen(values[i]) };
		if (have != NULL && ldb_msg_find_val(have, &v) != NULL)
			continue;
		if (missing++ == 0)
			ldb_msg_add_empty(m, attr, LDB_FLAG_MOD_ADD, NULL);
		ldb_msg_add_string(m, attr, values[i]);
	}
	if (missing == 0) {
		talloc_free(tmp);
		return SAMBEX_PROV_OK;
	}
	if (ldb_modify(p->ldb, m) != LDB_SUCCESS) {
		int r = sambex_prov_fail(p, "cannot extend class %s (%s): %s", cls, attr,
					 ldb_errstring(p->ldb));
		talloc_free(tmp);
		return r;
	}
	sambex_prov_say(p, "schema: %s gains %u %s value(s)", cls, missing, attr);
	p->changes++;
	talloc_free(tmp);
	return SAMBEX_PROV_OK;
}

static int widen_base_classes(struct sambex_prov *p)
{
	unsigned before = p->changes;

	if (sambex_prov_begin(p) != SAMBEX_PROV_OK)
		return SAMBEX_PROV_FAILED;
	if (widen_class(p, "mailRecipient", "mayContain", recipient_may) != SAMBEX_PROV_OK ||
	    widen_class(p, "addressBookContainer", "possSuperiors", address_book_superiors) !=
		    SAMBEX_PROV_OK) {
		sambex_prov_cancel(p);
		p->changes = before;
		return SAMBEX_PROV_FAILED;
	}
	if (sambex_prov_commit(p) != SAMBEX_PROV_OK)
		return SAMBEX_PROV_FAILED;
	return p->changes != before ? schema_update_now(p) : SAMBEX_PROV_OK;
}

int sambex_prov_schema_extend(struct sambex_prov *p)
{
	if (add_attrs(p) != SAMBEX_PROV_OK)
		return SAMBEX_PROV_FAILED;
	if (add_classes(p, base_classes, sizeof(base_classes) / sizeof(base_classes[0])) !=
	    SAMBEX_PROV_OK)
		return SAMBEX_PROV_FAILED;
	if (add_classes(p, tree_classes, sizeof(tree_classes) / sizeof(tree_classes[0])) !=
	    SAMBEX_PROV_OK)
		return SAMBEX_PROV_FAILED;
	return widen_base_classes(p);
}
