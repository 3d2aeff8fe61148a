/* SPDX-License-Identifier: GPL-2.0 */
/*
 * run_hostcost.h - what each aggregation interval cost on the host: the
 * kdamond thread's CPU time split into the primitive's ops and the real
 * DAMON core, and its instructions where the host can count them.
 *
 * Measured in kdamond context at each aggregation, from the end of the
 * previous snapshot sink to the start of this one, so the simulator's own
 * work done there (accuracy, heatmaps, the damo record) is left out.
 */
#ifndef DAMONSIM_SIM_RUN_HOSTCOST_H
#define DAMONSIM_SIM_RUN_HOSTCOST_H

#include <stdbool.h>
#include <stdint.h>

#include "sim/hostclock.h"

struct report_table;
struct prim_instance;

struct run_hostcost {
	struct report_table *table;	/* one row per aggregation */
	struct host_counter insns;	/* opened at the first aggregation */
	bool insns_tried;
	uint64_t mark_cpu_ns;	/* kdamond CPU clock when the sink returned */
	uint64_t mark_ops_ns;	/* the ops' CPU counter then */
	uint64_t mark_insns;
	bool mark_insns_valid;
	uint64_t enter_cpu_ns;	/* when the current sink call began */
	uint64_t sink_cpu_ns;	/* simulator work in kdamond context */
	uint64_t kdamond_insns;	/* sum over the measured rows */
	unsigned int insns_rows;
	unsigned int rows;
};

/**
 * run_hostcost_init() - empty per-aggregation table
 * @hc: state (zeroed)
 */
void run_hostcost_init(struct run_hostcost *hc);

/**
 * run_hostcost_enter() - an aggregation ended: record what it cost
 * @hc: state of the primitive's context
 * @inst: the primitive (its ops CPU counter)
 * @t_s: simulated time of the aggregation, for the row label
 *
 * Called in kdamond context, first thing in the snapshot sink.
 */
void run_hostcost_enter(struct run_hostcost *hc,
			const struct prim_instance *inst, double t_s);

/**
 * run_hostcost_leave() - the snapshot sink is done
 * @hc: state
 * @inst: the primitive
 *
 * Called in kdamond context, last thing in the snapshot sink.
 */
void run_hostcost_leave(struct run_hostcost *hc,
			const struct prim_instance *inst);

/**
 * run_hostcost_table() - the per-aggregation table
 * @hc: state
 *
 * Return: the table (owned by @hc).
 */
struct report_table *run_hostcost_table(const struct run_hostcost *hc);

/**
 * run_hostcost_insns() - instructions of the measured aggregations
 * @hc: state
 * @why: when none could be counted, one line saying why
 * @size: size of @why
 *
 * Return: the sum, or -1 when no aggregation was counted.
 */
double run_hostcost_insns(const struct run_hostcost *hc, char *why,
			  unsigned long size);

/**
 * run_hostcost_free() - release the table and the counter
 * @hc: state
 */
void run_hostcost_free(struct run_hostcost *hc);

#endif
