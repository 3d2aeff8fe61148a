// SPDX-License-Identifier: GPL-2.0
/*
 * ibs: AMD IBS op sampling.
 *
 * Each CPU counts retired ops; every period-th op (the low rand_bits of
 * each period randomized, as the hardware does) is tagged and raises one
 * NMI.  The machine's access stream carries no instruction counts, so
 * each access stands for ops_per_access ops of which the last is the
 * memory op: a tag on any other op is a sample without a data address,
 * counted in wasted_samples.  A tagged memory op's NMI handler pushes a
 * report with the linear (IbsDCLinAd) or, for paddr contexts, physical
 * (IbsDCPhysAd) address into the instance's report buffer.
 */
#include "config.h"

#include <linux/damon.h>
#include <linux/slab.h>

#include "primitives/push.h"

enum ibs_param {
	IBS_PERIOD,
	IBS_RAND_BITS,
	IBS_OPS_PER_ACCESS,
	IBS_SEED,
	IBS_BUFFER,
	IBS_CAPACITY,
	IBS_LOOKUP,
};

static const struct prim_param ibs_params[] = {
	[IBS_PERIOD] = { "period", "uint", "16384",
		"ops per sample, per CPU", NULL },
	[IBS_RAND_BITS] = { "rand_bits", "uint", "4",
		"low bits of each period randomized (hardware: 4)", NULL },
	[IBS_OPS_PER_ACCESS] = { "ops_per_access", "uint", "3",
		"ops each access stands for; one of them is the memory op",
		NULL },
	[IBS_SEED] = { "seed", "uint", "1",
		"seed of the period randomization", NULL },
	[IBS_BUFFER] = PRIM_PUSH_PARAM_BUFFER,
	[IBS_CAPACITY] = PRIM_PUSH_PARAM_CAPACITY,
	[IBS_LOOKUP] = PRIM_PUSH_PARAM_LOOKUP,
};

struct ibs_priv {
	struct prim_push push;
	uint64_t rng;
	unsigned int nr_cpus;
	uint64_t *left;		/* per CPU: ops to the next tagged op */
};

/* splitmix64: small, seeded, ours. */
static uint64_t ibs_rand(uint64_t *state)
{
	uint64_t z = (*state += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t ibs_next_period(struct prim_instance *inst,
				struct ibs_priv *ip)
{
	uint64_t period = inst->params[IBS_PERIOD];
	uint64_t bits = inst->params[IBS_RAND_BITS];
	uint64_t mask;

	if (bits) {
		mask = bits >= 63 ? ~0ULL >> 1 : (1ULL << bits) - 1;
		period = (period & ~mask) | (ibs_rand(&ip->rng) & mask);
	}
	return period ? period : 1;
}

/*
 * The access is ops 1..k of the CPU's op stream (k = ops_per_access),
 * the memory op last.  Every tag falling in them is one sample and NMI.
 */
static void ibs_observe(void *arg, const struct mach_access *acc)
{
	struct prim_instance *inst = arg;
	struct ibs_priv *ip = inst->priv;
	uint64_t k = inst->params[IBS_OPS_PER_ACCESS], pos = 0, left;
	unsigned long addr;
	bool ok;

	if (acc->cpu >= ip->nr_cpus)
		return;
	left = ip->left[acc->cpu];
	while (left <= k - pos) {
		pos += left;
		left = ibs_next_period(inst, ip);
		inst->counters.pmu_samples++;
		inst->counters.nmis++;
		prim_charge(inst, acc, PRIM_EV_IBS_NMI);
		if (pos != k) {
			inst->counters.wasted_samples++;
			continue;
		}
		addr = prim_push_addr(inst, acc, &ok);
		if (!ok) {
			inst->counters.reports_dropped++;
			continue;
		}
		prim_push_report(&ip->push, acc->cpu, acc->tid,
				 inst->paddr ? NULL : acc->as, addr,
				 acc->write);
	}
	ip->left[acc->cpu] = left - (k - pos);
}

static unsigned int ibs_check(struct damon_ctx *ctx)
{
	struct prim_instance *inst = prim_of_ctx(ctx);
	struct ibs_priv *ip;

	BUG_ON(!inst);
	ip = inst->priv;
	return ip ? prim_push_check(&ip->push, ctx) : 0;
}

/* The op counters run by themselves: nothing to prepare. */
static void ibs_prepare(struct damon_ctx *ctx)
{
}

static void ibs_free(struct ibs_priv *ip)
{
	kfree(ip->left);
	prim_push_destroy(&ip->push);
	kfree(ip);
}

static int ibs_start(struct prim_instance *inst)
{
	struct ibs_priv *ip;
	unsigned int i;
	int ret;

	if (!inst->params[IBS_PERIOD] || !inst->params[IBS_OPS_PER_ACCESS] ||
	    inst->params[IBS_OPS_PER_ACCESS] > 1000000)
		return -EINVAL;
	ip = kzalloc(sizeof(*ip), GFP_KERNEL);
	if (!ip)
		return -ENOMEM;
	ip->rng = inst->params[IBS_SEED];
	ip->nr_cpus = machine_nr_cpus(inst->machine);
	ip->left = kcalloc(ip->nr_cpus, sizeof(*ip->left), GFP_KERNEL);
	ret = ip->left ? prim_push_init(&ip->push, inst,
					inst->params[IBS_BUFFER],
					inst->params[IBS_CAPACITY],
					inst->params[IBS_LOOKUP]) : -ENOMEM;
	for (i = 0; !ret && i < ip->nr_cpus; i++)
		ip->left[i] = ibs_next_period(inst, ip);
	if (!ret)
		ret = machine_add_observer(inst->machine, ibs_observe, inst);
	if (ret) {
		ibs_free(ip);
		return ret;
	}
	inst->priv = ip;
	return 0;
}

static void ibs_stop(struct prim_instance *inst)
{
	if (!inst->priv)
		return;
	machine_remove_observer(inst->machine, ibs_observe, inst);
	ibs_free(inst->priv);
	inst->priv = NULL;
}

static struct damon_operations ibs_vaddr_ops, ibs_paddr_ops;

static struct damon_operations *ibs_ops(struct prim_instance *inst)
{
	struct damon_operations *ops = inst->paddr ? &ibs_paddr_ops :
						     &ibs_vaddr_ops;

	pte_fill_base_ops(ops, inst->paddr);
	ops->prepare_access_checks = ibs_prepare;
	ops->check_accesses = ibs_check;
	return ops;
}

const struct prim_desc prim_ibs = {
	.name = "ibs",
	.summary = "AMD IBS op sampling, one NMI per sample (push)",
	.params = ibs_params,
	.nr_params = ARRAY_SIZE(ibs_params),
	.ops = ibs_ops,
	.start = ibs_start,
	.stop = ibs_stop,
};
