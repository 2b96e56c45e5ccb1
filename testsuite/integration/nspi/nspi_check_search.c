/*
 * nspi_check_search: the checks of the finding operations — NspiResolveNames(W), NspiGetMatches,
 * NspiSeekEntries, NspiResortRestriction, NspiGetSpecialTable — over the address book
 * test_nspi.sh creates (its sorted GAL: Alice Anders, bob Baker, Carol Chen, Contact 1-3,
 * dave Dunn, Erin Evans, frank Foster, Grace Green, Group 1-3, heidi Hall, Ivan Ito, judy Jones,
 * Mallory Moss, Oscar Olsen, Zoë Zander).
 */
#include <stdio.h>
#include <string.h>

#include "nspi_check.h"
#include "tap.h"

#define E_TOO_COMPLEX 0x80040117U
#define E_NO_SUPPORT 0x80040102U

static uint32_t resolve_w(struct client *c, uint32_t n, const char **names,
			  struct nspi_PropertyTagArray_r **mids, struct nspi_PropertyRowSet_r **rows)
{
	static const uint32_t cols[] = { 0x3001001F };
	struct NspiResolveNamesW r = { 0 };
	struct nspi_STAT stat = stat_at(0, 0);
	struct nspi_WStringsArray_r in = { .Count = n, .Strings = names };

	*mids = NULL;
	*rows = NULL;
	r.in.hRpc = c->handle;
	r.in.pStat = &stat;
	r.in.pPropTags = tags(c->mem, 1, cols);
	r.in.paWStr = &in;
	r.out.ppMIds = mids;
	r.out.ppRows = rows;
	return NT_STATUS_IS_OK(call(c, NSPI_OPNUM_NSPIRESOLVENAMESW, &r)) ? r.out.result : ~0U;
}

static uint32_t resolve_a(struct client *c, const char *name, struct nspi_PropertyTagArray_r **mids)
{
	struct NspiResolveNames r = { 0 };
	struct nspi_STAT stat = stat_at(0, 0);
	const char *list[1] = { name };
	struct nspi_StringsArray_r in = { .Count = 1, .Strings = list };
	struct nspi_PropertyRowSet_r *rows = NULL;

	*mids = NULL;
	r.in.hRpc = c->handle;
	r.in.pStat = &stat;
	r.in.paStr = &in;
	r.out.ppMIds = mids;
	r.out.ppRows = &rows;
	return NT_STATUS_IS_OK(call(c, NSPI_OPNUM_NSPIRESOLVENAMES, &r)) ? r.out.result : ~0U;
}

static uint32_t matches(struct client *c, struct nspi_STAT *stat, struct nspi_Restriction_r *f,
			uint32_t requested, bool with_rows, struct nspi_PropertyTagArray_r **mids,
			struct nspi_PropertyRowSet_r **rows)
{
	static const uint32_t cols[] = { 0x3001001F };
	struct NspiGetMatches r = { 0 };

	*mids = NULL;
	*rows = NULL;
	r.in.hRpc = c->handle;
	r.in.pStat = stat;
	r.in.Filter = f;
	r.in.ulRequested = requested;
	r.in.pPropTags = with_rows ? tags(c->mem, 1, cols) : NULL;
	r.out.pStat = stat;
	r.out.ppOutMIds = mids;
	r.out.ppRows = rows;
	return NT_STATUS_IS_OK(call(c, NSPI_OPNUM_NSPIGETMATCHES, &r)) ? r.out.result : ~0U;
}

static struct nspi_Restriction_r *content(TALLOC_CTX *mem, uint32_t tag, const char *text,
					  uint32_t fuzzy)
{
	struct nspi_Restriction_r *res = talloc_zero(mem, struct nspi_Restriction_r);
	struct nspi_PropertyValue_r *v = talloc_zero(mem, struct nspi_PropertyValue_r);

	v->ulPropTag = tag;
	v->Value.lpszW = text;
	res->rt = 3;
	res->res.resContent.ulFuzzyLevel = fuzzy;
	res->res.resContent.ulPropTag = tag;
	res->res.resContent.lpProp = v;
	return res;
}

/* NspiQueryRows of up to 10 rows (display name, instance key) from the STAT's container. */
static uint32_t query_rows_in(struct client *c, struct nspi_STAT *s,
			      struct nspi_PropertyRowSet_r **rows)
{
	static const uint32_t cols[] = { 0x3001001F, 0x0FF60102 };
	struct NspiQueryRows r = { 0 };

	*rows = NULL;
	r.in.hRpc = c->handle;
	r.in.pStat = s;
	r.in.Count = 10;
	r.in.pPropTags = tags(c->mem, 2, cols);
	r.out.pStat = s;
	r.out.ppRows = rows;
	return NT_STATUS_IS_OK(call(c, NSPI_OPNUM_NSPIQUERYROWS, &r)) ? r.out.result : ~0U;
}

static bool same_mids(const struct nspi_PropertyTagArray_r *got, uint32_t n, const uint32_t *want)
{
	if (got == NULL || got->cValues != n) {
		return false;
	}
	for (uint32_t i = 0; i < n; i++) {
		if (got->aulPropTag[i] != want[i]) {
			return false;
		}
	}
	return true;
}

static void check_resolve(struct client *c, uint32_t zoe)
{
	const char *names[] = { "zoe", "", "nobody-xyzzy", "Group" };
	struct nspi_PropertyTagArray_r *mids;
	struct nspi_PropertyRowSet_r *rows;
	uint32_t res = resolve_w(c, 4, names, &mids, &rows);
	uint32_t want[] = { zoe, 0, 0, 1 };

	tap_ok(res == 0 && same_mids(mids, 4, want),
	       "NspiResolveNamesW: one match gives its MId, none or \"\" MID_UNRESOLVED, three "
	       "MID_AMBIGUOUS, in order [R1426 R1428 R618 R620 R622 R623 R624]");
	tap_ok(rows != NULL && rows->cRows == 1 && rows->aRow[0].cValues == 1 &&
	       strcmp(rows->aRow[0].lpProps[0].Value.lpszW, "Zo\xc3\xab Zander") == 0,
	       "NspiResolveNamesW: a row for the resolved name, with the asked column [R1430]");
	res = resolve_a(c, "Zo\xeb Zander", &mids);
	tap_ok(res == 0 && mids != NULL && mids->cValues == 1 && mids->aulPropTag[0] == zoe,
	       "NspiResolveNames: an 8-bit name in code page 1252 resolves through ANR "
	       "[R1375 R1377 R613]");
}

static void check_matches(struct client *c, uint32_t zoe, const uint32_t *mids)
{
	struct nspi_STAT s = stat_at(0, 0);
	struct nspi_PropertyTagArray_r *out;
	struct nspi_PropertyRowSet_r *rows;
	struct nspi_Restriction_r *f = content(c->mem, 0x3001001F, "gr", 0x00010002);
	struct nspi_Restriction_r *anr = content(c->mem, 0x360C001F, "zoe", 0);
	struct nspi_Restriction_r or = { .rt = 1 }, *bad = content(c->mem, 0x3001001F, "x", 0);
	uint32_t res = matches(c, &s, f, 100, true, &out, &rows);
	uint32_t want_gr[] = { mids[9], mids[10], mids[11], mids[12] };
	uint32_t want_or[] = { mids[2], mids[11] };

	tap_ok(res == 0 && same_mids(out, 4, want_gr) && rows != NULL && rows->cRows == 4 &&
	       strcmp(rows->aRow[1].lpProps[0].Value.lpszW, "Group 1") == 0,
	       "NspiGetMatches: prefix \"gr\" ignoring case gives Grace Green and Group 1-3 in "
	       "table order, with rows [R1124 R1127 R1128 R1154 R1155]");
	res = matches(c, &s, f, 3, false, &out, &rows);
	tap_ok(res == E_TABLE_TOO_BIG && out == NULL,
	       "NspiGetMatches: more matches than ulRequested is TableTooBig, no MIds "
	       "[R1149 R1635]");
	anr->rt = 4;	/* a property restriction on PidTagAnr */
	anr->res.resProperty.relop = 4;
	res = matches(c, &s, anr, 100, false, &out, &rows);
	tap_ok(res == 0 && same_mids(out, 1, &zoe),
	       "NspiGetMatches: ANR through PidTagAnr finds zoe [R1127]");
	or.res.resOr.cRes = 2;
	or.res.resOr.lpRes = talloc_array(c->mem, struct nspi_Restriction_r, 2);
	or.res.resOr.lpRes[0] = *content(c->mem, 0x3001001F, "Group 2", 0);
	or.res.resOr.lpRes[1] = *content(c->mem, 0x3001001F, "carol chen", 0);
	or.res.resOr.lpRes[1].rt = 4;
	or.res.resOr.lpRes[1].res.resProperty.relop = 4;
	res = matches(c, &s, &or, 100, false, &out, &rows);
	tap_ok(res == 0 && same_mids(out, 2, want_or),
	       "NspiGetMatches: Or of a full-string match and an equality [R1127]");
	bad->rt = 4;
	bad->res.resProperty.relop = 6;	/* RELOP_RE: regular expressions are not served */
	res = matches(c, &s, bad, 100, false, &out, &rows);
	tap_ok(res == E_TOO_COMPLEX && out == NULL,
	       "NspiGetMatches: a RELOP_RE restriction is TooComplex [R1125]");
	s = stat_at(zoe, 0);
	s.ContainerID = 0x8008000D;	/* PidTagAddressBookIsMemberOfDistributionList */
	res = matches(c, &s, NULL, 100, true, &out, &rows);
	tap_ok(res == 0 && same_mids(out, 3, want_gr + 1) && s.ContainerID == zoe,
	       "NspiGetMatches without a filter: zoe's memberOf as a table sorted by display "
	       "name; ContainerID becomes CurrentRec [R1130 R1135 R1143 R1144 R1145 R1146]");
	s = stat_at(zoe, 0);
	s.ContainerID = 0x3001001F;
	res = matches(c, &s, NULL, 100, false, &out, &rows);
	tap_ok(res == E_NO_SUPPORT, "NspiGetMatches without a filter on a non-link property: "
	       "NotSupported [R1140]");
	s = stat_at(0x7FFFFFF0, 0);
	s.ContainerID = 0x8009000D;
	res = matches(c, &s, NULL, 100, false, &out, &rows);
	tap_ok(res == E_CALL_FAILED, "NspiGetMatches without a filter on an unknown MId: "
	       "GeneralFailure [R1138]");
}

static uint32_t seek(struct client *c, struct nspi_STAT *s, uint32_t tag, const char *text,
		     bool with_rows, struct nspi_PropertyRowSet_r **rows)
{
	static const uint32_t cols[] = { 0x3001001F };
	struct NspiSeekEntries r = { 0 };
	struct nspi_PropertyValue_r target = { .ulPropTag = tag };

	target.Value.lpszW = text;
	*rows = NULL;
	r.in.hRpc = c->handle;
	r.in.pStat = s;
	r.in.pTarget = &target;
	r.in.pPropTags = with_rows ? tags(c->mem, 1, cols) : NULL;
	r.out.pStat = s;
	r.out.ppRows = rows;
	return NT_STATUS_IS_OK(call(c, NSPI_OPNUM_NSPISEEKENTRIES, &r)) ? r.out.result : ~0U;
}

static void check_seek_and_resort(struct client *c, uint32_t total, const uint32_t *mids)
{
	struct nspi_STAT s = stat_at(0, 0);
	struct nspi_PropertyRowSet_r *rows;
	struct NspiResortRestriction r = { 0 };
	uint32_t in[] = { mids[5], mids[1], 0x7FFFFFF0, mids[3] }, want[] = { mids[1], mids[3], mids[5] };
	struct nspi_PropertyTagArray_r *out = NULL;
	uint32_t res = seek(c, &s, 0x3001001F, "h", true, &rows);

	tap_ok(res == 0 && s.CurrentRec == mids[13] && s.NumPos == 13 && s.TotalRecs == total &&
	       rows != NULL && rows->cRows == total - 13 &&
	       strcmp(rows->aRow[0].lpProps[0].Value.lpszW, "heidi Hall") == 0,
	       "NspiSeekEntries \"h\": positioned on heidi Hall, rows from there "
	       "[R1035 R1047 R1050 R1051 R1053 R1054 R1057]");
	s = stat_at(0, 0);
	tap_ok(seek(c, &s, 0x3001001F, "zzz", false, &rows) == E_NOT_FOUND && s.NumPos == 0,
	       "NspiSeekEntries past every row: NotFound, STAT unchanged [R1048 R1631]");
	tap_ok(seek(c, &s, 0x3A06001F, "a", false, &rows) == E_CALL_FAILED,
	       "NspiSeekEntries on another property than the display name: GeneralFailure "
	       "[R1043]");
	s = stat_at(0, 0);
	r.in.hRpc = c->handle;
	r.in.pStat = &s;
	r.in.pInMIds = tags(c->mem, 4, in);
	r.in.ppOutMIds = &out;	/* [in, out]: the client sends NULL */
	r.out.pStat = &s;
	r.out.ppOutMIds = &out;
	res = NT_STATUS_IS_OK(call(c, NSPI_OPNUM_NSPIRESORTRESTRICTION, &r)) ? r.out.result : ~0U;
	tap_ok(res == 0 && same_mids(out, 3, want) && s.TotalRecs == 3 && s.NumPos == 0 &&
	       s.CurrentRec == 0,
	       "NspiResortRestriction: the MIds in display name order, unknown ones dropped; "
	       "TotalRecs 3, CurrentRec not among them: start [R1196 R1197 R1199 R1201 R1204 "
	       "R1205 R1759]");
}

static uint32_t special_table(struct client *c, uint32_t *version,
			      struct nspi_PropertyRowSet_r **rows)
{
	struct NspiGetSpecialTable r = { 0 };
	struct nspi_STAT s = stat_at(0, 0);

	*rows = NULL;
	r.in.hRpc = c->handle;
	r.in.dwFlags = 0x4;	/* NspiUnicodeStrings */
	r.in.pStat = &s;
	r.in.lpVersion = version;
	r.out.lpVersion = version;
	r.out.ppRows = rows;
	return NT_STATUS_IS_OK(call(c, NSPI_OPNUM_NSPIGETSPECIALTABLE, &r)) ? r.out.result : ~0U;
}

/* The GAL and the Sales list in the hierarchy table; Sales as a container of its own. */
static void check_special_table(struct client *c, const uint32_t *mids)
{
	struct nspi_PropertyRowSet_r *rows = NULL, *in_sales = NULL;
	uint32_t version = 0, sales = 0, res = special_table(c, &version, &rows);
	const struct nspi_PropertyValue_r *eid, *id, *name;
	struct nspi_STAT s;

	eid = rows != NULL && rows->cRows == 2 ? prop(&rows->aRow[0], 0x0FFF0102) : NULL;
	tap_ok(res == 0 && eid != NULL && eid->Value.bin.cb == 30 && eid->Value.bin.lpb[24] == 0 &&
	       eid->Value.bin.lpb[25] == 1 && strcmp((const char *)eid->Value.bin.lpb + 28, "/") == 0 &&
	       rows->aRow[0].cValues == 6 && rows->aRow[0].lpProps[1].ulPropTag == 0x36000003 &&
	       rows->aRow[0].lpProps[5].ulPropTag == 0xFFFB000B &&
	       prop(&rows->aRow[0], 0x3001001F) != NULL,
	       "NspiGetSpecialTable: the hierarchy table starts with the GAL: the six columns in "
	       "order, DT_CONTAINER, DN \"/\", Unicode name [R1863 R1864 R1865 R1866 R743 R760]");
	id = rows != NULL && rows->cRows == 2 ? prop(&rows->aRow[1], 0xFFFD0003) : NULL;
	name = rows != NULL && rows->cRows == 2 ? prop(&rows->aRow[1], 0x3001001F) : NULL;
	eid = rows != NULL && rows->cRows == 2 ? prop(&rows->aRow[1], 0x0FFF0102) : NULL;
	if (id != NULL) {
		sales = (uint32_t)id->Value.l;
	}
	tap_ok(id != NULL && sales >= 0x10 && name != NULL && strcmp(name->Value.lpszW, "Sales") == 0 &&
	       eid != NULL && eid->Value.bin.cb == 28 + 6 + 32 + 1 &&
	       memcmp(eid->Value.bin.lpb + 28, "/guid=", 6) == 0,
	       "NspiGetSpecialTable: then the Sales address list, its MId as ContainerID, DN "
	       "/guid=<32 hex> [R1865]");
	rows = NULL;
	res = special_table(c, &version, &rows);
	tap_ok(res == 0 && rows != NULL && rows->cRows == 0 && version == 1,
	       "NspiGetSpecialTable with the current version: no rows [R748]");
	s = stat_at(0, 0);
	s.ContainerID = sales;
	res = query_rows_in(c, &s, &in_sales);
	tap_ok(sales != 0 && res == 0 && in_sales != NULL && in_sales->cRows == 2 &&
	       s.TotalRecs == 2 &&
	       strcmp(in_sales->aRow[0].lpProps[0].Value.lpszW, "bob Baker") == 0 &&
	       strcmp(in_sales->aRow[1].lpProps[0].Value.lpszW, "Carol Chen") == 0 &&
	       in_sales->aRow[0].lpProps[1].Value.bin.lpb[0] == (mids[1] & 0xFF),
	       "NspiQueryRows in the Sales container: its two members, sorted, with their GAL MIds "
	       "[R955 R969]");
}

static void check_template_info(struct client *c)
{
	struct NspiGetTemplateInfo r = { 0 };
	struct nspi_PropertyRow_r *data = NULL;
	uint32_t res;

	r.in.hRpc = c->handle;
	r.in.dwFlags = 0x1;	/* TI_TEMPLATE */
	r.in.dwCodePage = 1252;
	r.in.dwLocaleID = 0x409;
	r.out.ppData = &data;
	res = NT_STATUS_IS_OK(call(c, NSPI_OPNUM_NSPIGETTEMPLATEINFO, &r)) ? r.out.result : ~0U;
	tap_ok(res == 0x8004011FU && data == NULL,
	       "NspiGetTemplateInfo: no template held: InvalidLocale, NULL data [R1476 R1462]");
	r.in.dwCodePage = 1200;
	res = NT_STATUS_IS_OK(call(c, NSPI_OPNUM_NSPIGETTEMPLATEINFO, &r)) ? r.out.result : ~0U;
	tap_ok(res == 0x8004011EU, "NspiGetTemplateInfo with CP_WINUNICODE: InvalidCodepage [R1467]");
}

/* The restriction kinds the table engine evaluates: bitmask, compare-properties, sub-object. */
static void check_matches_kinds(struct client *c, const uint32_t *mids)
{
	struct nspi_STAT s = stat_at(0, 0);
	struct nspi_PropertyTagArray_r *out;
	struct nspi_PropertyRowSet_r *rows;
	struct nspi_Restriction_r bitmask = { .rt = 6 }, compare = { .rt = 5 }, sub = { .rt = 9 };
	uint32_t groups[] = { mids[10], mids[11], mids[12] };
	uint32_t res;

	/* PidTagDisplayType & 1: DT_DISTLIST (1) is odd, DT_MAILUSER 0 and remote (6) even. */
	bitmask.res.resBitMask = (struct nspi_BitMaskRestriction_r){ 1, 0x39000003, 1 };
	res = matches(c, &s, &bitmask, 100, false, &out, &rows);
	tap_ok(res == 0 && same_mids(out, 3, groups),
	       "NspiGetMatches: a bitmask restriction on PidTagDisplayType finds the groups "
	       "[R1124 R1127]");
	compare.res.resCompareProps = (struct nspi_ComparePropsRestriction_r){ 4, 0x3001001F,
									      0x3A20001F };
	res = matches(c, &s, &compare, 100, false, &out, &rows);
	tap_ok(res == 0 && out != NULL && out->cValues == 19 && same_mids(out, 19, mids),
	       "NspiGetMatches: compare-properties (display name = transmittable name) holds "
	       "for every row, in table order [R1124 R1127]");
	sub.res.resSubRestriction.ulSubObject = 0x0E12000D;
	sub.res.resSubRestriction.lpRes = &compare;
	res = matches(c, &s, &sub, 100, false, &out, &rows);
	tap_ok(res == 0 && out != NULL && out->cValues == 0,
	       "NspiGetMatches: a sub-object restriction matches no address book object [R1127]");
}

void run_search_cases(struct client *c, uint32_t total, uint32_t zoe, const uint32_t *mids)
{
	if (total != 19) {
		tap_diag("the finding checks expect the 19-row address book of test_nspi.sh");
		return;
	}
	check_resolve(c, zoe);
	check_matches(c, zoe, mids);
	check_matches_kinds(c, mids);
	check_seek_and_resort(c, total, mids);
	check_special_table(c, mids);
	check_template_info(c);
}
