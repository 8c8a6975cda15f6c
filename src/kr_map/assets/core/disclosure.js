// How much of each section of the events panel is listed. At 100,000 events a frame holds
// thousands of cards (news, "sometime", going on), and making and styling them all on each
// switch is most of the switch. So a section lists its first cards (a chunk) and a button
// says how many are left and lists the next chunk: the cost of a switch grows with what a
// reader can see, not with the frame's event count, and no card is out of reach.
//
// What the reader asked for is kept while the frame stays (a faction switched on or off, a
// marker's popup) and forgotten on a switch: the next frame starts from its first chunks
// again. Carrying "show all 1,600" from frame to frame would make every later switch pay for
// 1,600 cards, and the cards of another frame are another list anyway.
//
// No DOM here: views/panel.js asks, and the cards it lists follow.

// Cards listed in a section before its "Show more" button. The bundled data lists at most
// 25 in a section (1993's news), so a classroom's panel is always whole; a chunk is also
// what a panel of a screen or two holds with room to scroll (a card is 5-10 lines).
export const CHUNK = 25;

export class Disclosure {
  constructor(chunk = CHUNK) {
    this.chunk = chunk;
    this.frame = null;
    this.counts = new Map(); // section name -> cards listed, when more than a chunk
  }

  // The panel shows `frame` (its key): a frame other than the last starts from its first chunks.
  // Returns true when the frame changed.
  showing(frame) {
    if (frame === this.frame) {
      return false;
    }
    this.frame = frame;
    this.counts.clear();
    return true;
  }

  // How many of a section's `total` cards are listed now.
  listed(section, total) {
    return Math.min(total, this.counts.get(section) || this.chunk);
  }

  // How many the section's button would add (0: the section is listed whole).
  next(section, total) {
    return Math.min(this.chunk, total - this.listed(section, total));
  }

  // The reader asked for the next chunk: returns the index of the first card it adds.
  more(section, total) {
    const first = this.listed(section, total);
    this.counts.set(section, first + this.next(section, total));
    return first;
  }

  // Lists the section at least up to the card at `index` (a marker's popup names it).
  // Returns true when that lists more than before.
  reveal(section, index, total) {
    if (index < this.listed(section, total)) {
      return false;
    }
    this.counts.set(section, Math.min(total, index + 1));
    return true;
  }
}
