/* rfr_ops: the RFR interface's operations, for the engine dispatcher. */
#ifndef SAMBEX_RFR_OPS_H
#define SAMBEX_RFR_OPS_H

#include "engine_ndr.h"

extern const struct engine_ndr_iface rfr_ndr_iface;

#endif
