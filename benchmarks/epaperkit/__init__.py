"""Seeded e-paper page generator with answer keys; see benchmarks/epaper.py for usage."""
