print("kvcache-bench")
