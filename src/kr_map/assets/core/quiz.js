// The quiz's rules, with no DOM: what a click picks, whether an answer is right, the score.
// The questions come from the document (doc.quiz, made by kr_map/quiz.py).

// The place nearest a click at (lat, lon), on a flat approximation (good at a country's
// scale): {id, name, km}, or null when there is no place.
export function nearestPlace(places, lat, lon) {
  let best = null;
  (places || []).forEach((place) => {
    const dy = (place.lat - lat) * 111.2;
    const dx = (place.lon - lon) * 111.2 * Math.cos((lat * Math.PI) / 180);
    const km = Math.sqrt(dx * dx + dy * dy);
    if (best === null || km < best.km) {
      best = { id: place.id, name: place.name, km };
    }
  });
  return best;
}

// True when `given` answers `question`: a place or faction id, or event ids in order.
export function isRight(question, given) {
  if (Array.isArray(question.answer)) {
    return Array.isArray(given) && given.length === question.answer.length
      && given.every((id, at) => id === question.answer[at]);
  }
  return given === question.answer;
}

// `list` with the item at `at` moved by `by` (-1 up, +1 down); the same list at an end.
export function moveItem(list, at, by) {
  const to = at + by;
  if (at < 0 || at >= list.length || to < 0 || to >= list.length) {
    return [...list];
  }
  const out = [...list];
  [out[at], out[to]] = [out[to], out[at]];
  return out;
}

// {right, answered, total} of the answers given so far ({number: true|false}).
export function scoreOf(questions, answers) {
  const given = questions.filter((q) => Object.prototype.hasOwnProperty.call(answers, q.number));
  return {
    right: given.filter((q) => answers[q.number] === true).length,
    answered: given.length,
    total: questions.length,
  };
}
