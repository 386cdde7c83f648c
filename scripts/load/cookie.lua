-- wrk: a signed-in GET.
wrk.headers["Cookie"] = os.getenv("SB_COOKIE")
