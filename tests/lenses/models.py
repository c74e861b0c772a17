"""The small system the lens tests share: one system, one place, a commissioner, a council and a trust.

Each test module adds the people and forums its lens needs after it.
"""

ONE_PLACE = """
system sys "Test System" {
  population: 1m
  footprint: [council]
  icb: icb
}

place east "East" {
  within: sys
  population: 300k
  footprint: [council]
}

organisation icb "Test ICB" { kind: icb serves: sys }
organisation council "Test Council" { kind: unitary_council serves: sys }
organisation trust "Test Hospitals NHS Trust" { kind: nhs_trust serves: sys }
"""
