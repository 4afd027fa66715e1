import TextAnalysis

/// Which triggers of the compiled flags may fire on a line, and which flags a line's words can
/// reach at all, found from the line's candidate phrases (`IndexedLine.candidatePhrases`) instead
/// of asking every part of every trigger.
///
/// A line's tokens start only a few of the thousands of phrases; a trigger can match only when
/// every one of its parts is among them. Counting, per trigger, how many of its parts a line
/// starts costs a few integer additions per candidate phrase, where asking each part cost a bit
/// test per part of every trigger of every flag (measured with callgrind: the biggest single cost
/// of checking a typed line).
struct FlagCandidates: Sendable {
  /// For each phrase id `p`, the triggers (numbered across all flags, in flag order) it is a part
  /// of are `triggerList[triggerStarts[p]..<triggerStarts[p + 1]]` (flat arrays: an array of
  /// arrays costs a retain and a release at every read).
  private let triggerStarts: [Int32]
  private let triggerList: [Int32]
  /// For each trigger, the number of its distinct parts.
  private let partCounts: [Int32]
  /// Flag `f`'s triggers are numbered `flagStarts[f]..<flagStarts[f + 1]`.
  let flagStarts: [Int]
  /// For each phrase id `p`, the flags that name it in an `ignore` or an `unless` phrase are
  /// `flagList[flagListStarts[p]..<flagListStarts[p + 1]]`.
  private let flagListStarts: [Int32]
  private let flagList: [Int32]

  /// Numbers the triggers of `flags` in order.
  ///
  /// - Parameter flags: For each flag, the phrase ids of each trigger's parts, and the ids of
  ///   its `ignore` phrases and `unless` parts.
  init(flags: [(triggers: [[Int]], others: [Int])]) {
    var phraseCount = 0
    for flag in flags {
      for id in flag.triggers.joined() { phraseCount = max(phraseCount, id + 1) }
      for id in flag.others { phraseCount = max(phraseCount, id + 1) }
    }
    var triggersOfPhrase = [[Int32]](repeating: [], count: phraseCount)
    var flagsOfOtherPhrase = [[Int32]](repeating: [], count: phraseCount)
    var partCounts: [Int32] = []
    var starts: [Int] = []
    for (number, flag) in flags.enumerated() {
      starts.append(partCounts.count)
      for parts in flag.triggers {
        let trigger = Int32(partCounts.count)
        // A part named twice counts once, as the line's candidates are a set.
        let distinct = Set(parts)
        for id in distinct { triggersOfPhrase[id].append(trigger) }
        partCounts.append(Int32(distinct.count))
      }
      for id in Set(flag.others) { flagsOfOtherPhrase[id].append(Int32(number)) }
    }
    starts.append(partCounts.count)
    func flat(_ lists: [[Int32]]) -> (starts: [Int32], list: [Int32]) {
      var starts: [Int32] = [0]
      var list: [Int32] = []
      for items in lists {
        list += items
        starts.append(Int32(list.count))
      }
      return (starts, list)
    }
    (triggerStarts, triggerList) = flat(triggersOfPhrase)
    (flagListStarts, flagList) = flat(flagsOfOtherPhrase)
    self.partCounts = partCounts
    self.flagStarts = starts
  }

  /// The triggers every part of which some token of `line` may start, as a bit set over the
  /// trigger numbers: the only triggers that can match `line` (or a masked copy of it).
  func possibleTriggers(on line: IndexedLine) -> [UInt64] {
    var counts = [Int32](repeating: 0, count: partCounts.count)
    var bits = [UInt64](repeating: 0, count: (partCounts.count + 63) / 64)
    let phraseCount = triggerStarts.count - 1
    triggerStarts.withUnsafeBufferPointer { starts in
      triggerList.withUnsafeBufferPointer { list in
        partCounts.withUnsafeBufferPointer { parts in
          for id in line.candidatePhrases where id < phraseCount {
            for trigger in list[Int(starts[id])..<Int(starts[id + 1])] {
              let number = Int(trigger)
              counts[number] += 1
              if counts[number] == parts[number] { bits[number / 64] |= 1 << UInt64(number % 64) }
            }
          }
        }
      }
    }
    return bits
  }

  /// What a line put before another can change: the triggers one of whose parts it may start,
  /// and the flags one of whose `ignore` or `unless` phrases it may start, as bit sets over the
  /// trigger and flag numbers. Any other trigger matches the joined lines only where it
  /// matches the second line alone.
  func reached(by line: IndexedLine) -> (triggers: [UInt64], flags: [UInt64]) {
    var triggers = [UInt64](repeating: 0, count: (partCounts.count + 63) / 64)
    var flags = [UInt64](repeating: 0, count: (flagStarts.count + 63) / 64)
    let phraseCount = triggerStarts.count - 1
    triggerStarts.withUnsafeBufferPointer { triggerStarts in
      triggerList.withUnsafeBufferPointer { triggerList in
        flagListStarts.withUnsafeBufferPointer { flagListStarts in
          flagList.withUnsafeBufferPointer { flagList in
            for id in line.candidatePhrases where id < phraseCount {
              for trigger in triggerList[Int(triggerStarts[id])..<Int(triggerStarts[id + 1])] {
                triggers[Int(trigger) / 64] |= 1 << UInt64(trigger % 64)
              }
              for flag in flagList[Int(flagListStarts[id])..<Int(flagListStarts[id + 1])] {
                flags[Int(flag) / 64] |= 1 << UInt64(flag % 64)
              }
            }
          }
        }
      }
    }
    return (triggers, flags)
  }

  /// Whether some trigger of flag `number` is in `bits`.
  func anyTrigger(of number: Int, in bits: [UInt64]) -> Bool {
    (flagStarts[number]..<flagStarts[number + 1]).contains { Self.isSet(bits, $0) }
  }

  /// `a` and `b`, bit by bit.
  static func both(_ a: [UInt64], _ b: [UInt64]) -> [UInt64] { zip(a, b).map { $0 & $1 } }

  /// Whether bit `number` of `bits` is set.
  static func isSet(_ bits: [UInt64], _ number: Int) -> Bool {
    number / 64 < bits.count && bits[number / 64] & (1 << UInt64(number % 64)) != 0
  }
}
