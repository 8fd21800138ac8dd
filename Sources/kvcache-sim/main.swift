print("kvcache-sim")
