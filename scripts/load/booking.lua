-- wrk: the public booking form as a visitor's browser posts it (an unconfirmed request; answered with a redirect).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Cookie"] = os.getenv("SB_COOKIE")
wrk.body = "Input.Slot=" .. os.getenv("SB_SLOT") .. "&Input.TimeZone=Europe%2FBerlin&Input.Name=Load&Input.Email=load-visitor%40example.org&Input.Weekly=false&Input.Message=&Input.Website=&__RequestVerificationToken=" .. os.getenv("SB_TOKEN")
