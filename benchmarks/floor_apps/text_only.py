"""The least a Streamlit page can be: one line of text (benchmarks/bench_cold.py's floor)."""

import streamlit as st

st.write("kr-map floor: text")
