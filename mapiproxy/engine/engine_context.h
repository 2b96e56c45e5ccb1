/*
 * engine_context: what one sambexd worker knows while it serves calls — the server's identity as
 * clients see it, and each interface's per-worker state.
 */
#ifndef SAMBEX_ENGINE_CONTEXT_H
#define SAMBEX_ENGINE_CONTEXT_H

#include <stdbool.h>
#include <ndr.h>
#include <gen_ndr/misc.h>

struct nspi_sessions;
struct nspi_directory_config;

struct engine_context {
	const char *server_fqdn;	/* the NSPI/EMSMDB server name given to clients (RFR) */
	struct GUID server_guid;	/* NspiBind's server GUID (MS-OXNSPI 3.1.4.1.1 rule 6) */
	struct nspi_sessions *nspi;	/* NSPI context handles of this worker */
	/* The directory NSPI reads (sambexd --smb-conf / --samdb); NULL: none configured. */
	struct nspi_directory_config *directory;
	bool verbose;			/* log session events to stderr (sambexd --verbose) */
};

#endif
