-- wrk: the quick-log POST (three choices and save) as a signed-in client's browser sends it.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = os.getenv("SB_COOKIE")
wrk.body = "Input.Pull=Toward&Input.Intensity=6&Input.Response=PausedAndChoseNew&__RequestVerificationToken=" .. os.getenv("SB_TOKEN")
