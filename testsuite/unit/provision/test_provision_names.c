/*
 * test_provision_names.c — the pure parts of libmapi/provision: OIDs derived from GUIDs, GUID
 * byte order, recipient legacyExchangeDNs, CSV account lists.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "sambex_provision.h"
#include "sambex_provision_cli.h"
#include "tap.h"

static void test_oid_from_guid(TALLOC_CTX *mem_ctx)
{
	/* The oidgen scheme: hex digits 4,4,4,4,4,6,6 -> decimal, after 1.2.840.113556.1.8000.2554.
	 * Expected value worked out by hand: 0204=516 1a15=6677 75a1=30113 4ddb=19931 9faa=40874
	 * 4c4a96=4999830 deefc6=14610374. */
	char *oid = sambex_prov_oid_from_guid(mem_ctx, "02041a15-75a1-4ddb-9faa-4c4a96deefc6");
	tap_ok(oid != NULL && strcmp(oid, "1.2.840.113556.1.8000.2554.516.6677.30113.19931.40874."
				     "4999830.14610374") == 0, "oid from guid: %s", oid ? oid : "NULL");
	oid = sambex_prov_oid_from_guid(mem_ctx, "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF");
	tap_ok(oid != NULL && strcmp(oid, "1.2.840.113556.1.8000.2554.65535.65535.65535.65535.65535."
				     "16777215.16777215") == 0, "oid from the all-ones guid: %s",
	       oid ? oid : "NULL");
	tap_ok(sambex_prov_oid_from_guid(mem_ctx, "02041a15-75a1-4ddb-9faa-4c4a96deefc") == NULL,
	       "a guid with 31 digits is refused");
	tap_ok(sambex_prov_oid_from_guid(mem_ctx, "02041a15-75a1-4ddb-9faa-4c4a96deefc6a") == NULL,
	       "a guid with 33 digits is refused");
	tap_ok(sambex_prov_oid_from_guid(mem_ctx, "g2041a15-75a1-4ddb-9faa-4c4a96deefc6") == NULL,
	       "a non-hex digit is refused");
}

static void test_guid_bytes(void)
{
	/* Exchange 2003 SDK ms981774: ms-Exch-Mailbox-Security-Descriptor's schemaIdGuid printed as
	 * base64 JulNk56w0hGqBgDAT47t2A== (bytes below), text 934de926-b09e-11d2-aa06-00c04f8eedd8. */
	static const uint8_t want[16] = { 0x26, 0xe9, 0x4d, 0x93, 0x9e, 0xb0, 0xd2, 0x11,
					  0xaa, 0x06, 0x00, 0xc0, 0x4f, 0x8e, 0xed, 0xd8 };
	uint8_t got[16];

	tap_ok(sambex_prov_guid_bytes("934de926-b09e-11d2-aa06-00c04f8eedd8", got) &&
	       memcmp(got, want, 16) == 0, "guid text -> MS-DTYP bytes (SDK ms981774 vector)");
	tap_ok(sambex_prov_guid_bytes("934DE926-B09E-11D2-AA06-00C04F8EEDD8", got) &&
	       memcmp(got, want, 16) == 0, "upper-case hex gives the same bytes");
	tap_ok(!sambex_prov_guid_bytes("934de926-b09e-11d2-aa06-00c04f8eedd", got),
	       "a short guid is refused");
	tap_ok(!sambex_prov_guid_bytes("934de926-b09e-11d2-aa06-00c04f8eedzz", got),
	       "a non-hex guid is refused");
}

static void test_recipient_dn(TALLOC_CTX *mem_ctx)
{
	/* MS-OXCPERM §4.1: /o=First Organization/ou=Exchange Administrative Group
	 * (FYDIBOHF23SPDLT)/cn=Recipients/cn=user8; server DN shape from MS-OXCRPC §4.1. */
	const char *server = "/o=First Organization/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)"
			     "/cn=Configuration/cn=Servers/cn=MBX-SRV-02";
	char *dn = sambex_prov_recipient_dn(mem_ctx, server, "user8");
	tap_ok(dn != NULL && strcmp(dn, "/o=First Organization/ou=Exchange Administrative Group "
				    "(FYDIBOHF23SPDLT)/cn=Recipients/cn=user8") == 0,
	       "recipient DN of user8: %s", dn ? dn : "NULL");
	dn = sambex_prov_recipient_dn(mem_ctx, "/o=First Group/ou=First Administrative Group/"
				      "CN=Configuration/CN=Servers/CN=MBX-SRV-02", "a");
	tap_ok(dn != NULL && strcmp(dn, "/o=First Group/ou=First Administrative Group/cn=Recipients/"
				    "cn=a") == 0, "upper-case CN=Configuration (MS-OXCRPC §4.1 form)");
	tap_ok(sambex_prov_recipient_dn(mem_ctx, "/o=X/ou=Y", "a") == NULL,
	       "a server DN without /cn=Configuration/ is refused");
}

static void test_csv(TALLOC_CTX *mem_ctx)
{
	char *path = talloc_asprintf(mem_ctx, "/tmp/sambex-csv-%d.csv", (int)getpid());
	FILE *f = fopen(path, "w");
	const char text[] = "sAMAccountName,displayName\n# comment\n\nalice,Alice\n \"bob\" ,Bob\r\n"
			    "carol\n";
	char *error = NULL;
	size_t n = 0;

	tap_ok(f != NULL && fwrite(text, 1, sizeof(text) - 1, f) == sizeof(text) - 1,
	       "csv file written");
	if (f != NULL)
		fclose(f);
	const char **names = sambex_cli_read_csv(mem_ctx, path, &n, &error);
	tap_ok(names != NULL && n == 3 && strcmp(names[0], "alice") == 0 &&
	       strcmp(names[1], "bob") == 0 && strcmp(names[2], "carol") == 0 && names[3] == NULL,
	       "csv: header, comment and blank lines skipped, quotes and CR trimmed (%zu names)", n);
	unlink(path);
	tap_ok(sambex_cli_read_csv(mem_ctx, path, &n, &error) == NULL && error != NULL &&
	       strstr(error, path) != NULL, "csv: a missing file gives a message naming it");
}

int main(void)
{
	TALLOC_CTX *mem_ctx = talloc_new(NULL);

	test_oid_from_guid(mem_ctx);
	test_guid_bytes();
	test_recipient_dn(mem_ctx);
	test_csv(mem_ctx);
	talloc_free(mem_ctx);
	return tap_done();
}
