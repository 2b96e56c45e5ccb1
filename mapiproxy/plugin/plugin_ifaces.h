/*
 * plugin_ifaces: the four RPC interfaces the plugin registers (rpc-operations.tsv), with their
 * syntax IDs and opnum counts, and the test-only fault hook.
 */
#ifndef SAMBEX_PLUGIN_IFACES_H
#define SAMBEX_PLUGIN_IFACES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <ndr.h>
#include <gen_ndr/misc.h>

#include "engine_proto.h"

struct sambex_iface {
	const char *name;		/* also the key of "rpc server port:<name>" in smb.conf */
	struct GUID uuid;
	uint32_t if_version;		/* major | minor << 16, as DCE/RPC carries it */
	uint16_t num_calls;		/* opnums 0..num_calls-1 exist; others fault OP_RNG_ERROR */
	enum engine_iface engine_iface;
};

extern const struct sambex_iface sambex_ifaces[];
extern const size_t sambex_iface_count;

/* The interface with that syntax (exact version), or NULL. */
const struct sambex_iface *sambex_iface_by_uuid(const struct GUID *uuid, uint32_t if_version);

/* The interface of that name ("exchange_emsmdb"...), or NULL. */
const struct sambex_iface *sambex_iface_by_name(const char *name);

/*
 * Test builds only (SAMBEX_TEST_HOOKS): crashes the worker on an RFR request whose stub holds the
 * marker "SAMBEX-TEST-CRASH", so the integration tests can measure what a plugin fault costs the
 * DC. In every other build this does nothing.
 */
void sambex_test_hook(const struct sambex_iface *si, const struct engine_call *call);

#endif
