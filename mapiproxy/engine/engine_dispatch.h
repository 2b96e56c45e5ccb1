/*
 * engine_dispatch: routes a call to its interface's operations (engine_ndr.h), for the engine
 * server. Interfaces: EMSMDB and AsyncEMSMDB (mapiproxy/emsmdb), NSPI (mapiproxy/nspi), RFR
 * (mapiproxy/rfr).
 */
#ifndef SAMBEX_ENGINE_DISPATCH_H
#define SAMBEX_ENGINE_DISPATCH_H

#include "engine_context.h"
#include "engine_ndr.h"
#include "engine_server.h"

/* The engine_ndr_iface serving an interface. */
const struct engine_ndr_iface *engine_dispatch_iface(enum engine_iface iface);

/*
 * Fills handler so that it dispatches with ctx (which must outlive the server). The operations
 * run synchronously for now; those that wait (EcDoAsyncWaitEx parking) will get tevent forms.
 */
void engine_dispatch_handler_init(struct engine_handler *handler, struct engine_context *ctx);

#endif
