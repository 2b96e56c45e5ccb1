/*
 * nspi_check_modify: NspiModLinkAtt and NspiModProps as alice, where the directory's ACLs decide
 * (test_nspi.sh lets alice write nspigroup2's members, and nothing of nspigroup1 or zoe).
 */
#include <stdio.h>
#include <string.h>

#include "nspi_check.h"
#include "tap.h"

#define E_NO_ACCESS 0x80070005U
#define E_INVALID_PARAMETER 0x80070057U
#define ORG "/o=Sambex/ou=Exchange Administrative Group (FYDIBOHF23SPDLT)/cn=Recipients/cn="

static uint32_t mod_link(struct client *c, uint32_t flags, uint32_t tag, uint32_t mid,
			 uint32_t target)
{
	struct NspiModLinkAtt r = { 0 };
	struct nspi_Binary_r id = { .cb = 32 };
	struct nspi_BinaryArray_r ids = { .cValues = 1, .lpbin = &id };

	/* An Ephemeral Entry ID (2.2.9.2) of target. */
	id.lpb = talloc_zero_array(c->mem, uint8_t, 32);
	id.lpb[0] = 0x87;
	memcpy(id.lpb + 4, c->server_guid, 16);
	id.lpb[20] = 1;
	memcpy(id.lpb + 28, &target, 4);	/* little-endian host (x86-64) */
	r.in.hRpc = c->handle;
	r.in.dwFlags = flags;
	r.in.ulPropTag = tag;
	r.in.dwMId = mid;
	r.in.lpEntryIds = &ids;
	return NT_STATUS_IS_OK(call(c, NSPI_OPNUM_NSPIMODLINKATT, &r)) ? r.out.result : ~0U;
}

static uint32_t members(struct client *c, uint32_t group, uint32_t *out, uint32_t max)
{
	struct NspiGetMatches r = { 0 };
	struct nspi_STAT s = stat_at(group, 0);
	struct nspi_PropertyTagArray_r *mids = NULL;
	struct nspi_PropertyRowSet_r *rows = NULL;

	s.ContainerID = 0x8009000D;	/* PidTagAddressBookMember */
	r.in.hRpc = c->handle;
	r.in.pStat = &s;
	r.in.ulRequested = max;
	r.out.pStat = &s;
	r.out.ppOutMIds = &mids;
	r.out.ppRows = &rows;
	if (!NT_STATUS_IS_OK(call(c, NSPI_OPNUM_NSPIGETMATCHES, &r)) || r.out.result != S_OK ||
	    mids == NULL) {
		return ~0U;
	}
	for (uint32_t i = 0; i < mids->cValues && i < max; i++) {
		out[i] = mids->aulPropTag[i];
	}
	return mids->cValues;
}

static uint32_t mod_phone(struct client *c, uint32_t mid, const char *phone)
{
	static const uint32_t t[] = { 0x3A08001F };
	struct NspiModProps r = { 0 };
	struct nspi_STAT s = stat_at(mid, 0);
	struct nspi_PropertyValue_r v = { .ulPropTag = 0x3A08001F };
	struct nspi_PropertyRow_r row = { .cValues = 1, .lpProps = &v };

	v.Value.lpszW = phone;
	r.in.hRpc = c->handle;
	r.in.pStat = &s;
	r.in.pPropTags = tags(c->mem, 1, t);
	r.in.pRow = &row;
	return NT_STATUS_IS_OK(call(c, NSPI_OPNUM_NSPIMODPROPS, &r)) ? r.out.result : ~0U;
}

static const char *phone_of(struct client *c, uint32_t mid)
{
	static const uint32_t t[] = { 0x3A08001F };
	struct NspiGetProps r = { 0 };
	struct nspi_STAT s = stat_at(mid, 0);
	struct nspi_PropertyRow_r *row = NULL;

	r.in.hRpc = c->handle;
	r.in.pStat = &s;
	r.in.pPropTags = tags(c->mem, 1, t);
	r.out.ppRows = &row;
	if (!NT_STATUS_IS_OK(call(c, NSPI_OPNUM_NSPIGETPROPS, &r)) || row == NULL ||
	    row->lpProps[0].ulPropTag != 0x3A08001F) {
		return "";
	}
	return row->lpProps[0].Value.lpszW;
}

void run_modify_cases(struct client *c, uint32_t (*dn_to_mid)(struct client *, const char *))
{
	uint32_t alice = dn_to_mid(c, ORG "alice"), bob = dn_to_mid(c, ORG "nspiuser1");
	uint32_t zoe = dn_to_mid(c, ORG "zoe"), g1 = dn_to_mid(c, ORG "nspigroup1");
	uint32_t g2 = dn_to_mid(c, ORG "nspigroup2");
	uint32_t m[8], n;

	if (!tap_ok(alice >= 0x10 && bob >= 0x10 && zoe >= 0x10 && g1 >= 0x10 && g2 >= 0x10,
		    "the objects to modify have MIds")) {
		return;
	}
	tap_ok(mod_link(c, 0, 0x8009000D, g1, bob) == E_NO_ACCESS &&
	       members(c, g1, m, 8) == 1 && m[0] == zoe,
	       "NspiModLinkAtt on a group alice may not write: AccessDenied, members unchanged "
	       "[R1338 R1321]");
	tap_ok(mod_link(c, 0, 0x8009000D, g2, bob) == S_OK &&
	       members(c, g2, m, 8) == 2 && m[0] == bob && m[1] == zoe,
	       "NspiModLinkAtt adds bob to a group alice may write; GetMatches sees him [R1335 R1340]");
	tap_ok(mod_link(c, 0, 0x8009000D, g2, bob) == S_OK && members(c, g2, m, 8) == 2,
	       "NspiModLinkAtt adding a member already there: ignored, Success [R1336]");
	tap_ok(mod_link(c, 1 /* fDelete */, 0x8009000D, g2, bob) == S_OK &&
	       members(c, g2, m, 8) == 1 && m[0] == zoe,
	       "NspiModLinkAtt with fDelete removes him again [R1332]");
	tap_ok(mod_link(c, 0, 0x3001001F, g2, bob) == E_NOT_FOUND,
	       "NspiModLinkAtt on a property it does not serve: NotFound [R1326]");
	tap_ok(mod_link(c, 0, 0x8009000D, 0x7FFFFFF0, bob) == E_INVALID_PARAMETER,
	       "NspiModLinkAtt on an unknown MId: InvalidParameter [R1328]");
	tap_ok(mod_link(c, 0, 0x8009000D, zoe, bob) == E_NO_ACCESS,
	       "NspiModLinkAtt on a mail user's members: AccessDenied (display type) [R1646 R1647]");
	n = mod_phone(c, alice, "+1 555 0100");
	tap_ok(n == S_OK && strcmp(phone_of(c, alice), "+1 555 0100") == 0,
	       "NspiModProps: alice sets her own telephone number (0x%08x) [R1297 R1301 R1305]", n);
	n = mod_phone(c, zoe, "+1 555 0199");
	tap_ok(n == E_NO_ACCESS && strcmp(phone_of(c, zoe), "+1 555 0199") != 0,
	       "NspiModProps on zoe: the directory refuses, AccessDenied, nothing changed "
	       "[R1303 R1284]");
}
