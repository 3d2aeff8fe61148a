dnl Feature probes of the kernel tree's DAMON API.  Each compiles a tiny
dnl program against the shim and the tree's linux/damon.h; none looks at a
dnl version number.  DS_PROBE(MACRO, description, body) is in configure.ac.

DS_PROBE([HAVE_DAMON_CALLBACK], [struct damon_callback (older trees)],
	[struct damon_callback cb = { 0 }; (void)cb;])
DS_PROBE([HAVE_DAMON_CALL], [damon_call() and struct damon_call_control],
	[struct damon_call_control c = { 0 }; (void)c; (void)damon_call;])
DS_PROBE([HAVE_DAMON_CALL_REPEAT], [damon_call_control.repeat],
	[struct damon_call_control c = { .repeat = true }; (void)c;])
DS_PROBE([HAVE_DAMOS_WALK], [damos_walk()],
	[(void)damos_walk;])
DS_PROBE([HAVE_OPS_RESET_AGGREGATED], [damon_operations.reset_aggregated],
	[struct damon_operations o = { .reset_aggregated = NULL }; (void)o;])
DS_PROBE([HAVE_OPS_CLEANUP], [damon_operations.cleanup],
	[struct damon_operations o = { .cleanup = NULL }; (void)o;])
DS_PROBE([HAVE_OPS_CLEANUP_TARGET], [damon_operations.cleanup_target],
	[struct damon_operations o = { .cleanup_target = NULL }; (void)o;])
DS_PROBE([HAVE_OPS_PROBES], [data-attribute probes: damon_operations.prep_probes/apply_probes],
	[struct damon_operations o = { .prep_probes = NULL, .apply_probes = NULL }; (void)o;])
DS_PROBE([HAVE_APPLY_SCHEME_SZ_FILTER_PASSED], [apply_scheme() reports sz_filter_passed],
	[unsigned long (*f)(struct damon_ctx *, struct damon_target *,
		struct damon_region *, struct damos *, unsigned long *);
	  struct damon_operations o; f = o.apply_scheme; (void)f;])
DS_PROBE([HAVE_SCHEME_SCORE_NO_TARGET], [get_scheme_score() without a target argument],
	[int (*f)(struct damon_ctx *, struct damon_region *, struct damos *);
	  struct damon_operations o; f = o.get_scheme_score; (void)f;])
DS_PROBE([HAVE_DAMON_RAND_CTX], [per-context random state: damon_rand(ctx, l, r)],
	[struct damon_ctx *c = NULL; if (c) (void)damon_rand(c, 0, 1);])
DS_PROBE([HAVE_CTX_MIN_REGION_SZ], [damon_ctx.min_region_sz instead of DAMON_MIN_REGION],
	[struct damon_ctx c; c.min_region_sz = 1; (void)c;])
DS_PROBE([HAVE_DAMON_SET_REGIONS_MIN_SZ], [damon_set_regions() takes a minimum region size],
	[int (*f)(struct damon_target *, struct damon_addr_range *, unsigned int,
		unsigned long) = damon_set_regions; (void)f;])
DS_PROBE([HAVE_UPDATE_ACCESS_RATE_NO_ATTRS], [damon_update_region_access_rate(r, accessed)],
	[void (*f)(struct damon_region *, bool) = damon_update_region_access_rate; (void)f;])
DS_PROBE([HAVE_DAMON_REPORT_ACCESS], [the tree's own damon_report_access()],
	[(void)damon_report_access;])
DS_PROBE([HAVE_DAMON_STOP_VOID], [damon_stop() returning void],
	[void (*f)(struct damon_ctx **, int) = damon_stop; (void)f;])
