"""The analysis layer: the one place that answers questions about a resolved model.

It sits between the model and everything that reads it (rules, query,
lenses, what-if, diff, exports, the handbook, the renderer and the language
server), so that each question has one definition and every reader gets the
same answer:

- `facts`: lookups and indexes over a model (`Facts`): the bodies a forum
  belongs to, which organisations a party acts for, the party that holds
  functions for another, the tier an entity sits at, seats, people, quorums;
- `dates`: what is in force on a date (`as_of`, `in_force`, `posts_on`);
- `authority`: who holds each delegated function, with what limit, through
  which chain of delegations (the widest authority path).
"""
