/* SPDX-License-Identifier: GPL-2.0 */
/*
 * cost.h - the cost model: what the counted monitoring events would cost
 * on real hardware.  Defaults come from published measurements
 * (docs/cost-model.md cites each); every one is a [cost] key.
 */
#ifndef DAMONSIM_SIM_COST_H
#define DAMONSIM_SIM_COST_H

#include <glib.h>

#include "primitives/primitive.h"
#include "sim/config_scenario.h"

struct cost_model {
	double pte_check_ns;	/* read one accessed bit (+ rmap for paddr) */
	double pte_mkold_ns;	/* clear one accessed bit */
	double rmap_walk_ns;	/* extra per frame -> PTE lookup */
	double tlb_flush_ns;	/* one single-page shootdown */
	/* push-style primitives */
	double fault_latency_ns;   /* one hinting fault (workload) */
	double fault_arm_ns;	   /* arm or disarm one page (monitor) */
	double pebs_record_ns;	   /* one PEBS record (workload) */
	double pebs_interrupt_ns;  /* one PEBS buffer-full PMI (monitor) */
	double ibs_nmi_ns;	   /* one IBS NMI (workload) */
	double drain_report_ns;	   /* collect + look up one report */
};

/* Declare the [cost] keys with their defaults. */
int cost_register_keys(struct cfg_schema *schema);

/* Read the model from a loaded scenario. */
void cost_model_load(const struct cfg *cfg, struct cost_model *cm);

/**
 * cost_monitor_ns() - modeled monitor CPU time for a primitive's counters
 * @cm: the model
 * @c:  counted events
 *
 * Return: nanoseconds of one CPU.
 */
double cost_monitor_ns(const struct cost_model *cm,
		       const struct prim_counters *c);

/**
 * cost_event_ns() - modeled cost of one in-band event
 * @cm: the model
 * @ev: the event (from a prim_instance's inband hook)
 *
 * Return: nanoseconds the accessing thread loses.
 */
double cost_event_ns(const struct cost_model *cm, enum prim_event ev);

/**
 * cost_workload_ns() - modeled in-band time the workload loses
 * @cm: the model
 * @c:  counted events
 *
 * Hinting faults, PEBS records and IBS NMIs run on the CPU of the
 * access, so they slow the workload rather than cost the monitor.
 *
 * Return: nanoseconds summed over all workload CPUs.
 */
double cost_workload_ns(const struct cost_model *cm,
			const struct prim_counters *c);

#endif
