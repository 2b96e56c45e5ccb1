/*
 * sambex_provision.c — `sambex provision` and `sambex deprovision` (docs/provisioning.md).
 */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "sambex_commands.h"
#include "sambex_provision_cli.h"

static const char provision_usage[] =
	"usage: sambex provision -H URL [-U user%%password] [--org NAME] [--admin-group NAME]\n"
	"                        [--server HOST] [--fqdn NAME] [--additional-server]\n"
	"  URL: the DC's sam.ldb (e.g. /var/lib/samba/private/sam.ldb) or ldap://host\n";

static int usage(const char *text)
{
	fprintf(stderr, text, "");
	return SAMBEX_EXIT_USAGE;
}

/* Schema and org tree, or joining an existing org: only the decision differs. */
static int provision_run(struct sambex_prov *p, struct sambex_prov_names *names, bool join)
{
	struct ldb_dn *org = NULL;
	const char *existing = NULL;

	if (join) {
		struct sambex_prov_names server_only = { "-", "-", names->server, NULL };
		if (sambex_prov_names_check(p, &server_only) != SAMBEX_PROV_OK)
			return SAMBEX_PROV_FAILED;
		if (!sambex_prov_schema_present(p))
			return sambex_prov_fail(p, "the forest has no Exchange schema, so there is no "
						"organization to join (run 'sambex provision' "
						"without --additional-server)");
		return sambex_prov_join(p, names);
	}
	if (sambex_prov_names_check(p, names) != SAMBEX_PROV_OK ||
	    sambex_prov_check_schema_master(p) != SAMBEX_PROV_OK)
		return SAMBEX_PROV_FAILED;
	/* Refuse a second organization before anything is written. */
	if (sambex_prov_schema_present(p) &&
	    sambex_prov_find_org(p, p, &org, &existing) == SAMBEX_PROV_OK &&
	    strcasecmp(existing, names->org) != 0)
		return sambex_prov_org_create(p, names);
	if (sambex_prov_schema_extend(p) != SAMBEX_PROV_OK)
		return SAMBEX_PROV_FAILED;
	return sambex_prov_org_create(p, names);
}

int sambex_cmd_provision(TALLOC_CTX *mem_ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "org", required_argument, NULL, 'o' },
		{ "admin-group", required_argument, NULL, 'g' },
		{ "server", required_argument, NULL, 's' },
		{ "fqdn", required_argument, NULL, 'f' },
		{ "additional-server", no_argument, NULL, 'a' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sambex_cli_common common = { 0 };
	struct sambex_prov_names names;
	bool join = false, org_given = false;
	int c;

	sambex_prov_names_default(&names);
	optind = 1;
	while ((c = getopt_long(argc, argv, "H:U:h", opts, NULL)) != -1) {
		switch (c) {
		case 'H': common.url = optarg; break;
		case 'U': common.user_pw = optarg; break;
		case 'o': names.org = optarg; org_given = true; break;
		case 'g': names.admin_group = optarg; break;
		case 's': names.server = optarg; break;
		case 'f': names.fqdn = optarg; break;
		case 'a': join = true; break;
		default: return usage(provision_usage);
		}
	}
	if (common.url == NULL || optind != argc || (join && org_given) || names.org[0] == '\0')
		return usage(provision_usage);
	if (join)
		names.admin_group = NULL;	/* taken from the organization */
	struct sambex_prov *p = sambex_cli_open(mem_ctx, "provision", &common);
	if (p == NULL)
		return SAMBEX_EXIT_FAILED;
	if (provision_run(p, &names, join) != SAMBEX_PROV_OK)
		return sambex_cli_failed("provision", p);
	if (p->changes == 0)
		printf("provision: nothing to do, server %s is already in organization '%s'\n",
		       names.server, names.org);
	else
		printf("provision: %u changes; server %s is in organization '%s'\n", p->changes,
		       names.server, names.org);
	return SAMBEX_EXIT_OK;
}

static const char deprovision_usage[] =
	"usage: sambex deprovision -H URL [-U user%%password] [--server HOST]\n";

int sambex_cmd_deprovision(TALLOC_CTX *mem_ctx, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "server", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct sambex_cli_common common = { 0 };
	struct sambex_prov_names names;
	int c;

	sambex_prov_names_default(&names);
	optind = 1;
	while ((c = getopt_long(argc, argv, "H:U:h", opts, NULL)) != -1) {
		switch (c) {
		case 'H': common.url = optarg; break;
		case 'U': common.user_pw = optarg; break;
		case 's': names.server = optarg; break;
		default: return usage(deprovision_usage);
		}
	}
	if (common.url == NULL || optind != argc)
		return usage(deprovision_usage);
	struct sambex_prov *p = sambex_cli_open(mem_ctx, "deprovision", &common);
	if (p == NULL)
		return SAMBEX_EXIT_FAILED;
	if (sambex_prov_deprovision(p, names.server) != SAMBEX_PROV_OK)
		return sambex_cli_failed("deprovision", p);
	printf("deprovision: %u changes; schema extensions stay (Active Directory cannot delete "
	       "schema objects)\n", p->changes);
	return SAMBEX_EXIT_OK;
}
